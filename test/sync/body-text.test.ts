import { describe, expect, it } from 'vitest';
import { htmlToText, sameBodyText, textToHtml, toExchangeBody } from '../../server/src/sync/body-text';

describe('B7 body text conversion', () => {
  it('keeps what a reader sees and drops scripts, styles, comments and handlers', () => {
    const html = '<html><head><title>x</title><style>b{}</style></head><body><!-- <p>hidden</p> --><p onclick="x()">A&nbsp;&amp;&#x20AC;</p><script>alert(1)</script><ul><li>one</li><li>two</li></ul></body></html>';
    expect(htmlToText(html)).toBe('A &€\none\ntwo');
  });

  it('drops an unterminated script and everything after it, and control characters from numeric entities', () => {
    expect(htmlToText('<p>ok&#0;&#7;</p><script>while(1){}')).toBe('ok');
  });

  it('round-trips plain text through HTML, and sees markup-only differences as the same text', () => {
    const text = 'a < b & c\n\nsecond "paragraph"';
    expect(htmlToText(textToHtml(text))).toBe(text);
    expect(sameBodyText({ format: 'text', content: text }, { format: 'html', content: `<div>${textToHtml(text)}</div>` })).toBe(true);
    expect(sameBodyText({ format: 'text', content: 'a' }, { format: 'html', content: '<p>b</p>' })).toBe(false);
    expect(toExchangeBody({ format: 'html', content: '<p>x</p>' }, 'text')).toEqual({ format: 'text', content: 'x' });
  });
});

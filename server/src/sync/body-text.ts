import type { ItemBody } from '../exchange/exchange-items';

/**
 * B7 "body as HTML or plain text". The CRM's info texts (contact notes, activity bodies)
 * are plain text; Exchange bodies may be HTML. These helpers convert between the two and
 * decide when two bodies say the same thing, so that a format change alone (Exchange
 * re-wrapping HTML it was given, a text written as HTML) never counts as an edit.
 */

/** The named entities mail clients actually write (German text included); others stay as written. */
const namedEntities: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è', agrave: 'à',
  euro: '€', copy: '©', reg: '®', trade: '™', sect: '§', deg: '°', middot: '·', bull: '•', hellip: '…', ndash: '–', mdash: '—',
  laquo: '«', raquo: '»', bdquo: '„', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', sbquo: '‚',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      // Control characters and invalid code points stay out of the CRM's text.
      return Number.isInteger(code) && code >= 0x20 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return namedEntities[name] ?? namedEntities[name.toLowerCase()] ?? whole;
  });
}

/** Elements whose content is never text a user reads: dropped with everything inside. */
const droppedElements = /<(script|style|head|title|template|noscript|object|iframe|svg)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Elements that end a line when rendered. */
const lineBreaks = /<\s*(br|\/p|\/div|\/li|\/tr|\/h[1-6]|\/blockquote|\/pre|\/table|hr)\b[^>]*>/gi;

/**
 * Plain text of an HTML body, as a reader sees it: scripts, styles and comments are
 * dropped (never kept, never run), block ends become line breaks, tags disappear and
 * entities are decoded. The result is text, so nothing in it is ever interpreted again.
 */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(droppedElements, '')
    // An unterminated script or style hides the rest of the document from a browser too.
    .replace(/<(script|style)\b[\s\S]*$/i, '');
  const collapsed = withoutCode.replace(/\s+/g, ' ');
  const lines = collapsed.replace(lineBreaks, '\n').replace(/<[^>]*>/g, '').replace(/</g, '');
  return tidyText(decodeEntities(lines));
}

/** Lines trimmed, runs of spaces collapsed, at most one empty line in a row, no empty lines at the ends. */
function tidyText(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim());
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A plain text as an HTML body: escaped, its line breaks kept. */
export function textToHtml(text: string): string {
  return `<html><body>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</body></html>`;
}

/** The text a body shows; '' for none. */
export function plainTextOf(body: ItemBody | null | undefined): string {
  if (!body) return '';
  return body.format === 'html' ? htmlToText(body.content) : body.content;
}

/** What the CRM's text field holds for a body: plain text, null when empty. */
export function toCrmBody(body: ItemBody | null): ItemBody | null {
  if (!body || body.format === 'text') return body;
  const content = htmlToText(body.content);
  return content === '' ? null : { format: 'text', content };
}

/** A body in the format the rule writes to Exchange. */
export function toExchangeBody(body: ItemBody | null, format: 'html' | 'text'): ItemBody | null {
  if (!body || body.format === format) return body;
  return format === 'html' ? { format: 'html', content: textToHtml(body.content) } : toCrmBody(body);
}

/** Two bodies say the same when their readable text does (formatting and markup aside). */
export function sameBodyText(a: ItemBody | null | undefined, b: ItemBody | null | undefined): boolean {
  return tidyText(plainTextOf(a)) === tidyText(plainTextOf(b));
}

import { describe, expect, it } from 'vitest';
import { parseXml, XmlParseError } from '../../../server/src/xml/parse-xml';
import { childText, descend, firstChild } from '../../../server/src/xml/xml-element';
import { NS } from '../../../server/src/xml/namespaces';
import { el, renderXml } from '../../../server/src/xml/render-xml';

describe('parseXml', () => {
  it('resolves elements by namespace whatever prefix the sender chose', () => {
    const a = parseXml(`<s:Envelope xmlns:s="${NS.soap}"><s:Body><x:Ping xmlns:x="${NS.messages}">hi</x:Ping></s:Body></s:Envelope>`);
    const b = parseXml(`<Envelope xmlns="${NS.soap}"><Body><Ping xmlns="${NS.messages}">hi</Ping></Body></Envelope>`);
    for (const doc of [a, b]) {
      expect(childText(descend(doc, NS.soap, 'Body'), NS.messages, 'Ping')).toBe('hi');
    }
  });

  it('does not confuse equal local names in different namespaces', () => {
    const doc = parseXml(`<r xmlns:m="${NS.messages}" xmlns:t="${NS.types}"><t:Items>types</t:Items><m:Items>messages</m:Items></r>`);
    expect(firstChild(doc, NS.messages, 'Items')?.text).toBe('messages');
    expect(firstChild(doc, NS.types, 'Items')?.text).toBe('types');
  });

  it('keeps unqualified and namespaced attributes apart', () => {
    const doc = parseXml(`<r xmlns:xsi="${NS.xsi}" Id="1" xsi:nil="true"/>`);
    expect(doc.attrs).toEqual({ Id: '1', [`{${NS.xsi}}nil`]: 'true' });
  });

  it('accepts a byte order mark, CDATA and character references', () => {
    const doc = parseXml('\uFEFF<a>x &amp; <![CDATA[<b>]]>&#65;</a>');
    expect(doc.text).toBe('x & <b>A');
  });

  it('refuses external entities', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(() => parseXml(xxe)).toThrow(/DTD/);
  });

  it('refuses entity expansion bombs', () => {
    const bomb = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>';
    expect(() => parseXml(bomb)).toThrow(XmlParseError);
  });

  it('refuses undeclared entities, truncated documents and unbound prefixes', () => {
    expect(() => parseXml('<r>&nbsp;</r>')).toThrow(XmlParseError);
    expect(() => parseXml('<r><a></r')).toThrow(XmlParseError);
    expect(() => parseXml('<t:r/>')).toThrow(XmlParseError);
  });

  it('enforces size and depth limits', () => {
    expect(() => parseXml('<r/>', { maxLength: 3, maxDepth: 10 })).toThrow(/too large/);
    expect(() => parseXml('<a><a><a/></a></a>', { maxLength: 100, maxDepth: 2 })).toThrow(/deeper/);
  });
});

describe('renderXml', () => {
  it('escapes text and attributes so that the output parses back to the same values', () => {
    const hostile = `<&>"' \t\n\r\u0001end`;
    const xml = renderXml(el('r', { a: hostile, skipped: undefined }, [el('c', {}, hostile), false, undefined]));
    const doc = parseXml(xml);
    expect(doc.attrs).toEqual({ a: `<&>"' \t\n\rend` });
    expect(doc.children[0]?.text).toBe(`<&>"' \t\n\rend`);
  });

  it('writes empty elements self-closed and numbers as text', () => {
    expect(renderXml(el('r', {}, [el('e'), el('n', {}, 0)]), { declaration: false })).toBe('<r><e/><n>0</n></r>');
  });
});

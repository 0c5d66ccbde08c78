import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../server/src/xml/parse-xml';
import { childrenNamed, childText, firstChild, firstOfEachName, type XmlElement } from '../../../server/src/xml/xml-element';
import { NS } from '../../../server/src/xml/namespaces';

function wide(): XmlElement {
  const fillers = Array.from({ length: 20 }, (_, n) => `<t:F${n}>${n}</t:F${n}>`).join('');
  return parseXml(
    `<t:Contact xmlns:t="${NS.types}" xmlns:m="${NS.messages}">${fillers}` +
      `<m:Entry>messages</m:Entry><t:Entry>first</t:Entry><t:Other/><t:Entry>second</t:Entry></t:Contact>`,
  );
}

describe('child lookups', () => {
  it('find children by namespace and local name on wide elements', () => {
    const contact = wide();
    expect(childText(contact, NS.types, 'Entry')).toBe('first');
    expect(childText(contact, NS.messages, 'Entry')).toBe('messages');
    expect(childText(contact, NS.types, 'F19')).toBe('19');
    expect(firstChild(contact, NS.messages, 'F1')).toBeUndefined();
    expect(firstChild(contact, NS.types, 'Missing')).toBeUndefined();
  });

  it('return repeated children in document order, whatever the width', () => {
    expect(childrenNamed(wide(), NS.types, 'Entry').map((e) => e.text)).toEqual(['first', 'second']);
    const narrow = parseXml(`<r xmlns="${NS.types}"><Entry>a</Entry><x/><Entry>b</Entry></r>`);
    expect(childrenNamed(narrow, NS.types, 'Entry').map((e) => e.text)).toEqual(['a', 'b']);
  });

  it('see children added to a hand-built element after an earlier lookup', () => {
    const children: XmlElement[] = Array.from({ length: 10 }, (_, n) => ({ ns: NS.types, local: `C${n}`, attrs: {}, children: [], text: '' }));
    const parent: XmlElement = { ns: NS.types, local: 'P', attrs: {}, children, text: '' };
    expect(firstChild(parent, NS.types, 'Late')).toBeUndefined();
    children.push({ ns: NS.types, local: 'Late', attrs: {}, children: [], text: 'here' });
    expect(childText(parent, NS.types, 'Late')).toBe('here');
  });
});

describe('firstOfEachName', () => {
  it('lists the first child of each name in one namespace, in document order, narrow or wide', () => {
    const names = (el: XmlElement) => firstOfEachName(el, NS.types).map((c) => `${c.local}=${c.text}`);
    expect(names(wide())).toEqual([...Array.from({ length: 20 }, (_, n) => `F${n}=${n}`), 'Entry=first', 'Other=']);
    const narrow = parseXml(`<r xmlns="${NS.types}" xmlns:m="${NS.messages}"><m:A>m</m:A><A>1</A><B>2</B><A>3</A></r>`);
    expect(names(narrow)).toEqual(['A=1', 'B=2']);
    expect(names(parseXml(`<r xmlns:m="${NS.messages}"><m:A/></r>`))).toEqual([]);
  });
});

describe('parsed tree shape', () => {
  it('joins text split by CDATA sections and entities in document order', () => {
    expect(parseXml('<a>one<![CDATA[ two ]]>&lt;three&gt;<![CDATA[four]]></a>').text).toBe('one two <three>four');
  });

  it('gives leaves frozen empty children and attributes, so a shared empty value cannot be changed', () => {
    const leaf = parseXml('<r><a/></r>').children[0];
    expect(leaf?.children).toEqual([]);
    expect(leaf?.attrs).toEqual({});
    expect(Object.isFrozen(leaf?.children)).toBe(true);
    expect(Object.isFrozen(leaf?.attrs)).toBe(true);
  });
});

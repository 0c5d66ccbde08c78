/**
 * A tree to serialise. Builders produce plain data (easy to test and compare);
 * one serialiser escapes everything, so no protocol code concatenates markup.
 * Hand-written rather than a DOM library because requests and sandbox responses
 * are built on hot paths (thousands of items per sync) and need no DOM.
 */
export interface XmlNode {
  /** Qualified name as it will be written, e.g. `t:ItemId`. */
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly children?: readonly (XmlNode | undefined | false)[];
  readonly text?: string | number | boolean;
}

/** Shorthand constructor: `el('t:Subject', {}, 'Hello')` or `el('m:Items', {}, [child])`. */
export function el(
  name: string,
  attrs: XmlNode['attrs'] = {},
  content?: string | number | boolean | readonly (XmlNode | undefined | false)[],
): XmlNode {
  if (content === undefined) return { name, attrs };
  if (Array.isArray(content)) return { name, attrs, children: content as readonly (XmlNode | undefined | false)[] };
  return { name, attrs, text: content as string | number | boolean };
}

// XML 1.0 forbids these code points even as character references.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export function renderXml(root: XmlNode, { declaration = true } = {}): string {
  const parts: string[] = declaration ? ['<?xml version="1.0" encoding="utf-8"?>'] : [];
  write(root, parts);
  return parts.join('');
}

function write(node: XmlNode, parts: string[]): void {
  parts.push('<', node.name);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value === undefined) continue;
    parts.push(' ', key, '="', escapeAttribute(String(value)), '"');
  }
  const children = (node.children ?? []).filter((c): c is XmlNode => Boolean(c));
  const text = node.text === undefined ? '' : escapeText(String(node.text));
  if (children.length === 0 && text === '') {
    parts.push('/>');
    return;
  }
  parts.push('>', text);
  for (const child of children) write(child, parts);
  parts.push('</', node.name, '>');
}

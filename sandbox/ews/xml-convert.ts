import { NS } from '../../server/src/xml/namespaces';
import type { XmlElement } from '../../server/src/xml/xml-element';
import { el, type XmlNode } from '../../server/src/xml/render-xml';

const PREFIX: Record<string, string> = { [NS.types]: 't', [NS.messages]: 'm' };

/**
 * Re-emits a parsed element under the sandbox's own prefixes. Only EWS-namespace
 * content is ever stored, so `t:`/`m:` declared on the envelope cover everything.
 */
export function toXmlNode(element: XmlElement): XmlNode {
  const prefix = PREFIX[element.ns] ?? 't';
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.attrs)) if (!key.startsWith('{')) attrs[key] = value;
  if (element.children.length > 0) return el(`${prefix}:${element.local}`, attrs, element.children.map(toXmlNode));
  return el(`${prefix}:${element.local}`, attrs, element.text);
}

/** A types-namespace element with plain text, for values the sandbox itself sets. */
export function textElement(local: string, text: string): XmlElement {
  return { ns: NS.types, local, attrs: {}, children: [], text };
}

export function element(local: string, children: XmlElement[], attrs: Record<string, string> = {}): XmlElement {
  return { ns: NS.types, local, attrs, children, text: '' };
}

import { NS } from '../../../server/src/xml/namespaces';
import { parseXml } from '../../../server/src/xml/parse-xml';
import { childText, descend, type XmlElement } from '../../../server/src/xml/xml-element';

export interface ReadMessage {
  readonly responseClass: string;
  readonly code: string;
  readonly element: XmlElement;
}

/** The ResponseMessages of an EWS response, in order. */
export function readMessages(xml: string): ReadMessage[] {
  const body = descend(parseXml(xml), NS.soap, 'Body');
  const response = body?.children[0];
  const messages = response?.children.find((c) => c.local === 'ResponseMessages')?.children ?? [];
  return messages.map((m) => ({ responseClass: m.attrs.ResponseClass ?? '', code: (childText(m, NS.messages, 'ResponseCode') ?? '').trim(), element: m }));
}

/** Depth-first search for elements by local name (types or messages namespace). */
export function findAll(element: XmlElement | undefined, local: string): XmlElement[] {
  if (!element) return [];
  const out: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    if (e.local === local) out.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return out;
}

export function first(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return findAll(element, local)[0];
}

/** Element structure (local names, depth-first) for comparing with Microsoft's examples. */
export function structure(element: XmlElement | undefined, depth = 3): string[] {
  const out: string[] = [];
  const visit = (e: XmlElement, path: string, level: number): void => {
    const here = path ? `${path}/${e.local}` : e.local;
    out.push(here);
    if (level < depth) e.children.forEach((c) => visit(c, here, level + 1));
  };
  if (element) visit(element, '', 0);
  return [...new Set(out)];
}

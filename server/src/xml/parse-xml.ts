import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { XmlElement } from './xml-element';

/** Raised for any document we refuse to read; the message is safe to show and log. */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
}

export interface XmlParseLimits {
  /** Characters; larger documents are refused before parsing. */
  readonly maxLength: number;
  readonly maxDepth: number;
}

const DEFAULT_LIMITS: XmlParseLimits = { maxLength: 64 * 1024 * 1024, maxDepth: 256 };

interface MutableElement {
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: MutableElement[];
  text: string;
}

/**
 * Parses a whole document into a namespace-resolved tree.
 *
 * A document type declaration is refused outright: SOAP 1.1 forbids it, and without
 * one there is no way to declare external entities or expandable internal entities
 * (XXE, "billion laughs"). Only the five predefined entities and character
 * references are understood.
 */
export function parseXml(xml: string, limits: XmlParseLimits = DEFAULT_LIMITS): XmlElement {
  if (xml.length > limits.maxLength) {
    throw new XmlParseError(`XML document too large (${xml.length} characters, limit ${limits.maxLength})`);
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  let failure: Error | undefined;

  parser.on('doctype', () => {
    throw new XmlParseError('XML document type declarations (DTD) are not allowed');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= limits.maxDepth) {
      throw new XmlParseError(`XML nesting deeper than ${limits.maxDepth} levels`);
    }
    const element: MutableElement = { ns: tag.uri, local: tag.local, attrs: readAttributes(tag), children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const appendText = (text: string): void => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('error', (err: Error) => {
    failure ??= err;
  });

  try {
    parser.write(stripByteOrderMark(xml)).close();
  } catch (err) {
    throw toParseError(err);
  }
  if (failure) throw toParseError(failure);
  if (!root) throw new XmlParseError('XML document has no root element');
  return root;
}

function readAttributes(tag: SaxesTagNS): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    const key = attribute.uri ? `{${attribute.uri}}${attribute.local}` : attribute.local;
    attrs[key] = attribute.value;
  }
  return attrs;
}

function stripByteOrderMark(xml: string): string {
  return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
}

function toParseError(err: unknown): XmlParseError {
  if (err instanceof XmlParseError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new XmlParseError(`Malformed XML: ${message}`);
}

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
  attrs: Readonly<Record<string, string>>;
  children: readonly MutableElement[];
  text: string;
}

// Most elements are leaves without attributes: sharing one frozen empty array and object
// between them spares two allocations per element, and with them most of the garbage
// collection a large response causes.
const NO_CHILDREN: readonly MutableElement[] = Object.freeze([]);
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

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
  const builder = new TreeBuilder(limits.maxDepth);
  // Positions only feed error messages, but they are nearly free in saxes and make a
  // refused document diagnosable.
  const parser = new SaxesParser({ xmlns: true, position: true });
  let failure: Error | undefined;

  parser.on('doctype', () => {
    throw new XmlParseError('XML document type declarations (DTD) are not allowed');
  });
  parser.on('opentag', (tag: SaxesTagNS) => builder.open(tag));
  parser.on('closetag', () => builder.close());
  parser.on('text', (text: string) => builder.text(text));
  parser.on('cdata', (text: string) => builder.text(text));
  parser.on('error', (err: Error) => {
    failure ??= err;
  });

  try {
    parser.write(stripByteOrderMark(xml)).close();
  } catch (err) {
    throw toParseError(err);
  }
  if (failure) throw toParseError(failure);
  if (!builder.root) throw new XmlParseError('XML document has no root element');
  return builder.root;
}

/**
 * Builds the tree from parser events. Text arriving in several events (CDATA next to
 * text, entity boundaries) is collected per open element and joined once at its close,
 * so long bodies never grow by repeated concatenation.
 */
class TreeBuilder {
  root: MutableElement | undefined;
  private readonly stack: MutableElement[] = [];
  /** The growable children array of each open element, once it has a child. */
  private readonly childLists: (MutableElement[] | undefined)[] = [];
  private readonly extraText: (string[] | undefined)[] = [];

  constructor(private readonly maxDepth: number) {}

  open(tag: SaxesTagNS): void {
    const depth = this.stack.length;
    if (depth >= this.maxDepth) throw new XmlParseError(`XML nesting deeper than ${this.maxDepth} levels`);
    const element: MutableElement = { ns: tag.uri, local: tag.local, attrs: readAttributes(tag), children: NO_CHILDREN, text: '' };
    const parent = this.stack[depth - 1];
    if (parent) this.addChild(parent, depth - 1, element);
    else this.root = element;
    this.stack.push(element);
    this.childLists.push(undefined);
    this.extraText.push(undefined);
  }

  private addChild(parent: MutableElement, level: number, child: MutableElement): void {
    const list = this.childLists[level];
    if (list) {
      list.push(child);
      return;
    }
    const created = [child];
    this.childLists[level] = created;
    parent.children = created;
  }

  close(): void {
    const element = this.stack.pop();
    this.childLists.pop();
    const parts = this.extraText.pop();
    if (element && parts) element.text = parts.join('');
  }

  text(text: string): void {
    const depth = this.stack.length;
    const current = this.stack[depth - 1];
    if (!current) return;
    if (current.text === '') {
      current.text = text;
      return;
    }
    const parts = this.extraText[depth - 1];
    if (parts) parts.push(text);
    else this.extraText[depth - 1] = [current.text, text];
  }
}

function readAttributes(tag: SaxesTagNS): Readonly<Record<string, string>> {
  let attrs: Record<string, string> | undefined;
  const source = tag.attributes;
  for (const name in source) {
    const attribute = source[name];
    if (!attribute || attribute.prefix === 'xmlns' || name === 'xmlns') continue;
    attrs ??= {};
    attrs[attribute.uri === '' ? attribute.local : `{${attribute.uri}}${attribute.local}`] = attribute.value;
  }
  return attrs ?? NO_ATTRIBUTES;
}

function stripByteOrderMark(xml: string): string {
  return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
}

function toParseError(err: unknown): XmlParseError {
  if (err instanceof XmlParseError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new XmlParseError(`Malformed XML: ${message}`);
}

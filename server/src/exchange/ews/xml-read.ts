import { NS } from '../../xml/namespaces';
import { childrenNamed, childText, firstChild, firstOfEachName, type XmlElement } from '../../xml/xml-element';
import type { ItemRef, Mailbox } from './ews-types';

/**
 * Lenient readers for `t:` children: absent or empty elements read as undefined, and
 * unknown siblings are ignored, so newer servers adding properties never break parsing.
 */
export function typesText(element: XmlElement | undefined, local: string): string | undefined {
  return childText(element, NS.types, local);
}

export function typesNonEmpty(element: XmlElement | undefined, local: string): string | undefined {
  const text = childText(element, NS.types, local);
  return text === undefined || text.trim() === '' ? undefined : text;
}

export function typesBool(element: XmlElement | undefined, local: string): boolean | undefined {
  return parseBool(childText(element, NS.types, local));
}

export function typesInt(element: XmlElement | undefined, local: string): number | undefined {
  return parseNumber(childText(element, NS.types, local));
}

export function parseBool(raw: string | undefined): boolean | undefined {
  const text = raw?.trim();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

export function parseNumber(raw: string | undefined): number | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function nonEmpty(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Sets a property only when there is a value, so parsed objects carry no undefined keys. */
export function put<T, K extends keyof T>(target: Writable<T>, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/**
 * Visits the first `t:` child of each name, in document order: one pass over an item's
 * children instead of one scan per known property (an item has dozens of properties,
 * and a SyncFolderItems page has 512 items).
 */
export function forEachTypesChild(element: XmlElement, visit: (child: XmlElement) => void): void {
  for (const child of typesProperties(element)) visit(child);
}

/** The first `t:` child of each name; computed once per item and shared by its readers. */
export function typesProperties(element: XmlElement): readonly XmlElement[] {
  return firstOfEachName(element, NS.types);
}

/**
 * Item and folder ids are opaque tokens: kept byte for byte, never trimmed. Microsoft's
 * examples show ids with a leading space (`Id=" AgENAAAA"`); whatever the server sent is
 * what it must get back, so normalising would be the riskier choice.
 */
export function readRef(element: XmlElement | undefined): ItemRef | undefined {
  const id = element?.attrs['Id'];
  if (id === undefined) return undefined;
  const changeKey = element?.attrs['ChangeKey'];
  return changeKey === undefined ? { id } : { id, changeKey };
}

export function readMailbox(element: XmlElement | undefined): Mailbox | undefined {
  if (!element) return undefined;
  return withoutUndefined({
    name: typesText(element, 'Name'),
    address: typesText(element, 'EmailAddress'),
    routingType: typesText(element, 'RoutingType'),
    mailboxType: typesText(element, 'MailboxType'),
  });
}

/** `<t:From><t:Mailbox>…` style single recipient. */
export function readSingleRecipient(element: XmlElement | undefined, local: string): Mailbox | undefined {
  return readMailbox(firstChild(firstChild(element, NS.types, local), NS.types, 'Mailbox'));
}

export function readRecipients(element: XmlElement | undefined, local: string): Mailbox[] | undefined {
  const container = firstChild(element, NS.types, local);
  if (!container) return undefined;
  return childrenNamed(container, NS.types, 'Mailbox').map((m) => readMailbox(m) ?? {});
}

/** Drops undefined properties so parsed objects compare cleanly and stay small. */
export function withoutUndefined<T extends object>(value: T): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) if (source[key] !== undefined) out[key] = source[key];
  return out as T;
}

/**
 * `IncludesLastItemInRange`-style flags (messages namespace). A missing flag reads as
 * true: looping on "not done" for a server that omits it would never end.
 */
export function readMessagesFlag(message: XmlElement, local: string): boolean {
  const text = childText(message, NS.messages, local)?.trim();
  return text === undefined || text === 'true' || text === '1';
}

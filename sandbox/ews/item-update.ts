import { NS } from '../../server/src/xml/namespaces';
import { firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import type { StoredItem } from '../store/store-types';
import { extendedKeyString, readExtendedKey, readExtendedProperty } from './extended-property';
import { normaliseField } from './item-input';
import { elementForFieldUri, isKnownField, READ_ONLY_FIELDS } from './item-schema';
import { storeError } from './status';
import { element } from './xml-convert';

export type UpdateVerb = 'SetItemField' | 'AppendToItemField' | 'DeleteItemField';

const PATH_NAMES = new Set(['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI']);
/** Properties AppendToItemField supports, per its reference page. */
const APPENDABLE = new Set(['Body', 'ToRecipients', 'CcRecipients', 'BccRecipients', 'ReplyTo', 'RequiredAttendees', 'OptionalAttendees', 'Resources']);

/** Applies one SetItemField / AppendToItemField / DeleteItemField to a stored item. */
export function applyUpdate(item: StoredItem, verb: UpdateVerb, update: XmlElement, timeZoneId: string | undefined): void {
  const path = update.children.find((c) => c.ns === NS.types && PATH_NAMES.has(c.local));
  if (!path) throw storeError('ErrorInvalidPropertyRequest', 'The property request is invalid.');
  const valueHolder = update.children.find((c) => c !== path);
  if (path.local === 'ExtendedFieldURI') return applyExtended(item, verb, path, valueHolder);
  const local = elementForFieldUri(path.attrs.FieldURI ?? '');
  if (local === 'IsRead' && item.kind === 'Message') return applyIsRead(item, verb, valueHolder);
  if (local === 'ItemClass' && verb === 'SetItemField' && valueHolder) {
    item.itemClass = firstChild(valueHolder, NS.types, 'ItemClass')?.text.trim() ?? item.itemClass;
    return;
  }
  if (!local || !isKnownField(item.kind, local) || READ_ONLY_FIELDS.has(local)) {
    throw storeError('ErrorInvalidPropertyForOperation', 'This property does not support this operation.');
  }
  const index = path.local === 'IndexedFieldURI' ? path.attrs.FieldIndex : undefined;
  const subField = path.local === 'IndexedFieldURI' ? path.attrs.FieldURI?.split(':')[2] : undefined;
  if (verb === 'DeleteItemField') {
    if (index === undefined) item.fields.delete(local);
    else removeEntry(item, local, index, subField);
    return;
  }
  const value = firstChild(valueHolder, NS.types, local);
  if (!valueHolder || !value) throw storeError('ErrorInvalidPropertyRequest', `The update gives no value for ${local}.`);
  if (valueHolder.local !== item.kind && valueHolder.local !== 'Item') throw storeError('ErrorInvalidPropertyForOperation', `A ${valueHolder.local} value cannot update a ${item.kind}.`);
  if (verb === 'AppendToItemField') return appendTo(item, local, value);
  if (index === undefined) item.fields.set(local, normaliseField(value, timeZoneId));
  else setEntry(item, local, value, index);
}

function applyIsRead(item: StoredItem, verb: UpdateVerb, holder: XmlElement | undefined): void {
  item.isRead = verb === 'SetItemField' && firstChild(holder, NS.types, 'IsRead')?.text.trim() === 'true';
}

function applyExtended(item: StoredItem, verb: UpdateVerb, path: XmlElement, holder: XmlElement | undefined): void {
  const key = extendedKeyString(readExtendedKey(path));
  if (verb === 'DeleteItemField') {
    item.extended.delete(key);
    return;
  }
  const prop = firstChild(holder, NS.types, 'ExtendedProperty');
  const value = prop && readExtendedProperty(prop);
  if (!value || extendedKeyString(value.key) !== key) throw storeError('ErrorInvalidPropertyRequest', 'The extended property value does not match its ExtendedFieldURI.');
  item.extended.set(key, value);
}

function appendTo(item: StoredItem, local: string, value: XmlElement): void {
  if (!APPENDABLE.has(local)) throw storeError('ErrorInvalidPropertyAppend', 'This property does not support append.');
  const current = item.fields.get(local);
  if (!current) {
    item.fields.set(local, value);
    return;
  }
  const merged = local === 'Body'
    ? { ...current, text: current.text + value.text }
    : { ...current, children: [...current.children, ...value.children] };
  item.fields.set(local, merged);
}

/** Dictionary entries (EmailAddresses, PhoneNumbers, PhysicalAddresses) are keyed by Key. */
function setEntry(item: StoredItem, local: string, value: XmlElement, index: string): void {
  const incoming = value.children.find((c) => c.attrs.Key === index);
  if (!incoming) throw storeError('ErrorInvalidPropertyRequest', `The update gives no entry ${index}.`);
  const current = item.fields.get(local) ?? element(local, []);
  const existing = current.children.find((c) => c.attrs.Key === index);
  const entry = existing && incoming.children.length > 0 ? mergeEntry(existing, incoming) : incoming;
  const others = current.children.filter((c) => c.attrs.Key !== index);
  item.fields.set(local, { ...current, children: [...others, entry] });
}

/** PhysicalAddress sub-fields: replace the named parts, keep the others, in schema order. */
function mergeEntry(existing: XmlElement, incoming: XmlElement): XmlElement {
  const order = ['Street', 'City', 'State', 'CountryOrRegion', 'PostalCode'];
  const parts = new Map(existing.children.map((c) => [c.local, c]));
  for (const part of incoming.children) parts.set(part.local, part);
  const children = order.map((name) => parts.get(name)).filter((c): c is XmlElement => c !== undefined);
  return { ...existing, children };
}

function removeEntry(item: StoredItem, local: string, index: string, subField: string | undefined): void {
  const current = item.fields.get(local);
  if (!current) return;
  const children = current.children.flatMap((entry) => {
    if (entry.attrs.Key !== index) return [entry];
    if (!subField) return [];
    const rest = entry.children.filter((c) => c.local !== subField);
    return rest.length > 0 ? [{ ...entry, children: rest }] : [];
  });
  if (children.length === 0) item.fields.delete(local);
  else item.fields.set(local, { ...current, children });
}


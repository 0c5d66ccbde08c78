import { el, type XmlNode } from '../../server/src/xml/render-xml';
import type { MailboxStore } from '../store/mailbox-store';
import type { StoredItem } from '../store/store-types';
import { extendedKeyString, renderExtendedProperty } from './extended-property';
import { DEFAULT_SHAPE, fieldOrder } from './item-schema';
import type { ItemShape } from './item-shape';
import { toXmlNode } from './xml-convert';

/** Exchange writes xs:dateTime in UTC without fractional seconds. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function renderItemId(item: StoredItem): XmlNode {
  return el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey });
}

/** One item as `t:<Kind>`, children in the order of its type's xs:sequence. */
export function renderItem(store: MailboxStore, item: StoredItem, shape: ItemShape): XmlNode {
  const defaults = DEFAULT_SHAPE[item.kind];
  const wanted = (local: string): boolean =>
    local === 'ItemId' || shape.base === 'AllProperties' || shape.fields.has(local) || (shape.base === 'Default' && defaults.includes(local));
  const children: XmlNode[] = [];
  for (const local of fieldOrder(item.kind)) {
    if (local === 'ExtendedProperty') {
      children.push(...requestedExtended(item, shape));
      continue;
    }
    if (!wanted(local)) continue;
    const node = computedField(store, item, local) ?? storedField(item, local);
    if (node) children.push(node);
  }
  return el(`t:${item.kind}`, {}, children);
}

function requestedExtended(item: StoredItem, shape: ItemShape): XmlNode[] {
  const out: XmlNode[] = [];
  for (const key of shape.extended) {
    const value = item.extended.get(extendedKeyString(key));
    if (value) out.push(renderExtendedProperty(value));
  }
  return out;
}

function storedField(item: StoredItem, local: string): XmlNode | undefined {
  const stored = item.fields.get(local);
  return stored ? toXmlNode(stored) : undefined;
}

function computedField(store: MailboxStore, item: StoredItem, local: string): XmlNode | undefined {
  switch (local) {
    case 'ItemId':
      return renderItemId(item);
    case 'ParentFolderId': {
      const folder = store.lookupFolder(item.folderId)?.folder;
      return folder && el('t:ParentFolderId', { Id: folder.id, ChangeKey: folder.changeKey });
    }
    case 'ItemClass':
      return el('t:ItemClass', {}, item.itemClass);
    case 'DateTimeReceived':
    case 'DateTimeCreated':
      return el(`t:${local}`, {}, formatDateTime(item.created));
    case 'Size':
      return el('t:Size', {}, approximateSize(item));
    case 'HasAttachments':
    case 'IsAssociated':
      return el(`t:${local}`, {}, false);
    case 'LastModifiedName':
      return el('t:LastModifiedName', {}, item.lastModifiedName);
    case 'LastModifiedTime':
      return el('t:LastModifiedTime', {}, formatDateTime(item.modified));
    case 'IsRead':
      return item.kind === 'Message' ? el('t:IsRead', {}, item.isRead) : undefined;
    case 'CalendarItemType':
      if (item.kind !== 'CalendarItem') return undefined;
      return el('t:CalendarItemType', {}, item.occurrenceOf ? 'Exception' : item.fields.has('Recurrence') ? 'RecurringMaster' : 'Single');
    case 'IsRecurring':
      // True for the occurrences of a series, false for its master (as Exchange reports it).
      return item.kind === 'CalendarItem' ? el('t:IsRecurring', {}, item.occurrenceOf !== undefined) : undefined;
    case 'IsMeeting':
      return item.kind === 'CalendarItem' ? el('t:IsMeeting', {}, item.fields.has('RequiredAttendees') || item.fields.has('OptionalAttendees')) : undefined;
    case 'MyResponseType':
      return item.kind === 'CalendarItem' ? el('t:MyResponseType', {}, 'Organizer') : undefined;
    default:
      return undefined;
  }
}

function approximateSize(item: StoredItem): number {
  let size = 200;
  for (const field of item.fields.values()) size += field.text.length + JSON.stringify(field.children).length;
  return size;
}

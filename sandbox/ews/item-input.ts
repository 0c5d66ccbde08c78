import type { XmlElement } from '../../server/src/xml/xml-element';
import type { NewItem } from '../store/mailbox-store';
import type { ExtendedPropertyValue, ItemKind } from '../store/store-types';
import { extendedKeyString, readExtendedProperty } from './extended-property';
import { isKnownField, READ_ONLY_FIELDS } from './item-schema';
import { storeError } from './status';
import { parseEwsDateTime } from './time-zones';
import { textElement } from './xml-convert';
import { formatDateTime } from './item-render';

const KINDS: readonly ItemKind[] = ['Message', 'CalendarItem', 'Contact', 'Task'];

export function itemKindOf(element: XmlElement): ItemKind | undefined {
  return (KINDS as readonly string[]).includes(element.local) ? (element.local as ItemKind) : undefined;
}

/** Turns a `t:Contact` / `t:CalendarItem` / … from a request into storable properties. */
export function readItemInput(element: XmlElement, timeZoneId: string | undefined): NewItem {
  const kind = itemKindOf(element);
  if (!kind) throw storeError('ErrorInvalidItemForOperationCreateItem', `Items of type ${element.local} are not supported by this server.`);
  const fields = new Map<string, XmlElement>();
  const extended = new Map<string, ExtendedPropertyValue>();
  let itemClass: string | undefined;
  let isRead: boolean | undefined;
  for (const child of element.children) {
    if (child.local === 'ExtendedProperty') {
      const value = readExtendedProperty(child);
      if (value) extended.set(extendedKeyString(value.key), value);
    } else if (child.local === 'ItemClass') itemClass = child.text.trim();
    else if (child.local === 'IsRead') isRead = child.text.trim() === 'true';
    else if (isKnownField(kind, child.local) && !READ_ONLY_FIELDS.has(child.local)) fields.set(child.local, normaliseField(child, timeZoneId));
  }
  return { kind, itemClass, fields, extended, isRead };
}

const DATE_TIME_FIELDS = new Set(['Start', 'End', 'DueDate', 'StartDate', 'CompleteDate', 'ReminderDueBy', 'Birthday', 'WeddingAnniversary']);

/** Exchange stores instants in UTC and answers in UTC whatever zone the client wrote. */
export function normaliseField(field: XmlElement, timeZoneId: string | undefined): XmlElement {
  if (!DATE_TIME_FIELDS.has(field.local)) return field;
  const date = parseEwsDateTime(field.text, timeZoneId);
  if (!date) throw storeError('ErrorInvalidValueForProperty', `The value of ${field.local} is not a valid date and time.`);
  return textElement(field.local, formatDateTime(date));
}

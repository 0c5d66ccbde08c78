import { el, type XmlNode } from '../../xml/render-xml';
import type { XmlElement } from '../../xml/xml-element';
import { calendarCodecs, readCalendarFields } from './calendar-fields';
import { commonCodecs, readCommonFields, readItemMeta } from './common-fields';
import { contactCodecs, readContactFields } from './contact-fields';
import type { CalendarItemFields, CommonWritableFields, ContactFields, EwsItem, MessageFields, NewItem, TaskFields } from './ews-types';
import type { CodecContext, FieldCodec, FieldUpdate, Nullable } from './field-codec';
import { messageCodecs, readMessageFields } from './message-fields';
import { readTaskFields, taskCodecs } from './task-fields';
import { typesProperties } from './xml-read';

export type ItemTypeName = NewItem['type'];

export const ITEM_ELEMENT: Readonly<Record<ItemTypeName, string>> = {
  contact: 'Contact',
  calendarItem: 'CalendarItem',
  task: 'Task',
  message: 'Message',
};

/** Changes for UpdateItem: `undefined` leaves a property alone, `null` deletes it. */
export type ItemFieldChanges =
  | ({ readonly type: 'contact' } & Nullable<ContactFields>)
  | ({ readonly type: 'calendarItem' } & Nullable<CalendarItemFields>)
  | ({ readonly type: 'task' } & Nullable<TaskFields>)
  | ({ readonly type: 'message' } & Nullable<MessageFields>);

function codecsOf(type: ItemTypeName): readonly FieldCodec<Nullable<CommonWritableFields>>[] {
  const specific: Record<ItemTypeName, readonly unknown[]> = {
    contact: contactCodecs,
    calendarItem: calendarCodecs,
    task: taskCodecs,
    message: messageCodecs,
  };
  // Each type's fields extend the common ones, so every codec reads only its own key.
  return [...commonCodecs, ...specific[type]] as readonly FieldCodec<Nullable<CommonWritableFields>>[];
}

/** The item element for CreateItem, properties in schema order. */
export function buildItem(item: NewItem, ctx: CodecContext): XmlNode {
  const nodes = codecsOf(item.type).flatMap((codec) => codec.toNodes(item, ctx));
  return el(`t:${ITEM_ELEMENT[item.type]}`, {}, nodes);
}

/** The SetItemField/DeleteItemField list for one item, in schema order. */
export function buildFieldUpdates(changes: ItemFieldChanges, ctx: CodecContext): FieldUpdate[] {
  return codecsOf(changes.type).flatMap((codec) => codec.toUpdates(changes, ctx));
}

/** Reads any item element (Contact, CalendarItem, Task, Message; others generically). */
export function readItem(element: XmlElement): EwsItem {
  const properties = typesProperties(element);
  const meta = readItemMeta(element, properties);
  const common = readCommonFields(element, properties);
  switch (element.local) {
    case 'Contact':
      return { type: 'contact', ...meta, ...common, ...readContactFields(element, properties) };
    case 'CalendarItem':
      return { type: 'calendarItem', ...meta, ...common, ...readCalendarFields(element) };
    case 'Task':
      return { type: 'task', ...meta, ...common, ...readTaskFields(element) };
    case 'Message':
      return { type: 'message', ...meta, ...common, ...readMessageFields(element) };
    default:
      return { type: 'other', elementName: element.local, ...meta, ...common };
  }
}

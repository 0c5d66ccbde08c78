import type { EwsItem, NewItem as EwsNewItem } from '../ews/ews-types';
import { findExtendedProperty } from '../ews/extended-property';
import type { ItemFieldChanges } from '../ews/item-xml';
import type { ExchangeItem } from '../exchange-gateway';
import type { NeutralItem, NeutralItemType } from '../exchange-items';
import { appointmentFromEws, appointmentToEws, type OccurrenceDetails } from './appointment.ews-mapper';
import { contactFromEws, contactToEws } from './contact.ews-mapper';
import { crmIdProperty } from './crm-id-property';
import { taskFromEws, taskToEws } from './task.ews-mapper';

export const ewsTypeOf = { contact: 'contact', appointment: 'calendarItem', task: 'task' } as const satisfies Record<NeutralItemType, EwsNewItem['type']>;

function neutralOf(item: EwsItem, zone: string, details: OccurrenceDetails): NeutralItem | null {
  if (item.type === 'contact') return contactFromEws(item);
  if (item.type === 'calendarItem') return appointmentFromEws(item, details);
  if (item.type === 'task') return taskFromEws(item, zone);
  return null;
}

/** An EWS item in the port's shape; null for items of a kind the engine does not sync (distribution lists…). */
export function itemFromEws(item: EwsItem, zone: string, details: OccurrenceDetails = new Map()): ExchangeItem | null {
  const data = neutralOf(item, zone, details);
  const id = item.itemId?.id;
  if (!data || !id) return null;
  const stamp = findExtendedProperty(item.extendedProperties, crmIdProperty)?.value;
  return {
    id,
    changeKey: item.itemId?.changeKey ?? '',
    folderId: item.parentFolderId?.id ?? '',
    crmId: stamp && stamp !== '' ? stamp : null,
    lastModified: item.lastModifiedTime ?? new Date(0).toISOString(),
    data,
  };
}

function fieldsOf(data: NeutralItem, fields: readonly string[] | 'create'): Record<string, unknown> {
  if (data.type === 'contact') return contactToEws(data, fields) as Record<string, unknown>;
  if (data.type === 'appointment') return appointmentToEws(data, fields) as Record<string, unknown>;
  return taskToEws(data, fields) as Record<string, unknown>;
}

function stampOf(crmId: string) {
  return [{ path: crmIdProperty, value: crmId }];
}

export function newItemToEws(data: NeutralItem, crmId: string): EwsNewItem {
  return { type: ewsTypeOf[data.type], ...fieldsOf(data, 'create'), extendedProperties: stampOf(crmId) } as EwsNewItem;
}

export function changesToEws(data: NeutralItem, fields: readonly string[], crmId: string): ItemFieldChanges {
  return { type: ewsTypeOf[data.type], ...fieldsOf(data, fields), extendedProperties: stampOf(crmId) } as ItemFieldChanges;
}

import type { EwsClient } from '../ews/ews-client';
import type { EwsCalendarItem, EwsItem, ItemOrOccurrenceRef, ItemRef } from '../ews/ews-types';
import type { ItemUpdate as EwsItemUpdate } from '../ews/update-item';
import type { ResponseShape } from '../ews/response-shape';
import type { ItemVersion, Outcome } from '../exchange-gateway';
import type { NeutralAppointment, OccurrenceException } from '../exchange-items';
import { ExchangeError } from '../exchange-error';
import { appointmentFromEws, type OccurrenceDetails } from './appointment.ews-mapper';
import { occurrenceIndex } from './occurrence-index';
import { toUtcInstant } from './time-zones';

/** Subject and location of occurrences, the only own values the neutral exception keeps. */
export const occurrenceDetailShape: ResponseShape = { baseShape: 'IdOnly', additionalProperties: [{ fieldUri: 'item:Subject' }, { fieldUri: 'calendar:Location' }] };
const masterShape: ResponseShape = { baseShape: 'AllProperties' };

/** Reads the own subject and location of every modified occurrence of the given masters, in one batch. */
export async function readOccurrenceDetails(client: EwsClient, items: readonly EwsItem[]): Promise<OccurrenceDetails> {
  const ids = items.flatMap((item) => (item.type === 'calendarItem' ? (item.modifiedOccurrences ?? []).map((occurrence) => occurrence.itemId.id) : []));
  if (ids.length === 0) return new Map();
  const outcomes = await client.getItem({ itemIds: ids.map((id) => ({ id })), shape: occurrenceDetailShape });
  const details = new Map<string, { subject: string; location: string }>();
  outcomes.forEach((outcome, i) => {
    const id = ids[i];
    if (outcome.ok && outcome.value.type === 'calendarItem' && id) details.set(id, { subject: outcome.value.subject ?? '', location: outcome.value.location ?? '' });
  });
  return details;
}

function sameModification(a: OccurrenceException, b: OccurrenceException): boolean {
  if (a.type !== 'modified' || b.type !== 'modified') return a.type === b.type;
  return toUtcInstant(a.start) === toUtcInstant(b.start) && toUtcInstant(a.end) === toUtcInstant(b.end) && a.subject === b.subject && a.location === b.location;
}

interface OccurrenceWrites {
  readonly updates: EwsItemUpdate[];
  readonly deletes: ItemOrOccurrenceRef[];
}

/**
 * What turns the master's current exceptions into the wanted ones: an occurrence that
 * was modified before is addressed by its own id, any other through the master and its
 * index. Exceptions Exchange has but the target lacks stay: EWS cannot bring back a
 * deleted occurrence or undo a modification short of rewriting the whole series.
 */
export function planOccurrenceWrites(master: EwsCalendarItem, current: NeutralAppointment, target: readonly OccurrenceException[]): OccurrenceWrites {
  const masterId = master.itemId?.id ?? '';
  const ownIds = new Map((master.modifiedOccurrences ?? []).map((occurrence) => [new Date(occurrence.originalStart).toISOString(), occurrence.itemId] as const));
  const existing = new Map(current.exceptions.map((exception) => [toUtcInstant(exception.originalStart), exception] as const));
  const updates: EwsItemUpdate[] = [];
  const deletes: ItemOrOccurrenceRef[] = [];
  for (const exception of target) {
    const key = toUtcInstant(exception.originalStart);
    const now = existing.get(key);
    if (now?.type === 'deleted' || (now && sameModification(now, exception))) continue;
    const own: ItemRef | undefined = ownIds.get(new Date(key).toISOString());
    const index = own || !current.recurrence ? null : occurrenceIndex(current.recurrence, current.start, exception.originalStart);
    const ref: ItemOrOccurrenceRef | null = own ? { id: own.id } : index ? { recurringMasterId: masterId, instanceIndex: index } : null;
    // A day the series has no occurrence on cannot be addressed; the next read reports the truth.
    if (!ref) continue;
    if (exception.type === 'deleted') deletes.push(ref);
    else updates.push({ itemId: ref, set: { type: 'calendarItem', subject: exception.subject, location: exception.location || undefined, start: toUtcInstant(exception.start), end: toUtcInstant(exception.end) } });
  }
  return { updates, deletes };
}

function failure(outcomes: readonly Outcome<unknown>[], tolerated: readonly ExchangeError['kind'][] = []): Outcome<never> | null {
  for (const outcome of outcomes) if (!outcome.ok && !tolerated.includes(outcome.error.kind)) return { ok: false, error: outcome.error };
  return null;
}

/**
 * C6: writes a series' occurrence exceptions (any number) after its master was updated.
 * Modified occurrences get UpdateItem, deleted ones DeleteItem, never notifying
 * attendees; the master's final version is returned, since occurrence writes change it.
 */
export async function writeOccurrenceExceptions(client: EwsClient, masterId: string, target: readonly OccurrenceException[]): Promise<Outcome<ItemVersion>> {
  const [read] = await client.getItem({ itemIds: [{ id: masterId }], shape: masterShape });
  if (!read) return { ok: false, error: new ExchangeError('unknown', 'GetItem returned no answer for the series') };
  if (!read.ok) return read;
  if (read.value.type !== 'calendarItem') return { ok: false, error: new ExchangeError('invalid-request', 'Occurrence exceptions need a calendar item') };
  const master = read.value;
  const current = appointmentFromEws(master, await readOccurrenceDetails(client, [master]));
  const writes = planOccurrenceWrites(master, current, target);
  if (writes.updates.length > 0) {
    const outcomes = await client.updateItem({ updates: writes.updates, conflictResolution: 'AlwaysOverwrite', sendMeetingInvitationsOrCancellations: 'SendToNone' });
    const failed = failure(outcomes);
    if (failed) return failed;
  }
  if (writes.deletes.length > 0) {
    const outcomes = await client.deleteItem({ itemIds: writes.deletes, deleteType: 'MoveToDeletedItems', sendMeetingCancellations: 'SendToNone' });
    // An occurrence deleted meanwhile is what the delete wants.
    const failed = failure(outcomes, ['not-found']);
    if (failed) return failed;
  }
  if (writes.updates.length === 0 && writes.deletes.length === 0) return { ok: true, value: { id: masterId, changeKey: master.itemId?.changeKey ?? '' } };
  const [after] = await client.getItem({ itemIds: [{ id: masterId }], shape: { baseShape: 'IdOnly' } });
  if (!after?.ok) return after ?? { ok: false, error: new ExchangeError('unknown', 'GetItem returned no answer for the series') };
  return { ok: true, value: { id: masterId, changeKey: after.value.itemId?.changeKey ?? '' } };
}

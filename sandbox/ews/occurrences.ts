import type { XmlElement } from '../../server/src/xml/xml-element';
import { newChangeKey, newEntityId } from '../store/ids';
import type { StoredItem } from '../store/store-types';
import { formatDateTime } from './item-render';
import type { OperationContext } from './operation-context';
import { occurrenceStart } from './recurrence-expansion';
import { storeError } from './status';
import { element, textElement } from './xml-convert';

/**
 * Single occurrences of recurring series. An occurrence is addressed by
 * `t:OccurrenceItemId` (RecurringMasterId + InstanceIndex) or, once modified, by its own
 * ItemId; the master lists exceptions in ModifiedOccurrences (ItemId, Start, End,
 * OriginalStart) and DeletedOccurrences (Start = original start), in that order of
 * types.xsd's CalendarItemType.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-access-a-recurring-series-by-using-ews
 */

const OCCURRENCE_FIELDS = ['Subject', 'Sensitivity', 'Body', 'Categories', 'Importance', 'Location', 'LegacyFreeBusyStatus', 'IsAllDayEvent', 'StartTimeZone', 'EndTimeZone'];

function masterOf(ctx: OperationContext, id: string): StoredItem {
  const master = ctx.mailbox.items.get(id.trim());
  if (!master) throw storeError('ErrorItemNotFound', 'The specified object was not found in the store.');
  if (master.kind !== 'CalendarItem' || !master.fields.has('Recurrence')) throw storeError('ErrorRecurrenceHasNoOccurrence', 'The specified item is not a recurring master.');
  return master;
}

function deletedStarts(master: StoredItem): string[] {
  return (master.fields.get('DeletedOccurrences')?.children ?? []).map((deleted) => deleted.children.find((c) => c.local === 'Start')?.text ?? '');
}

function modifiedOccurrences(ctx: OperationContext, master: StoredItem): StoredItem[] {
  return [...ctx.mailbox.items.values()].filter((item) => item.occurrenceOf?.masterId === master.id);
}

/**
 * The occurrence an OccurrenceItemId names: its exception when it has one, else a fresh
 * occurrence with the master's values at its original time (not stored until written).
 */
export function resolveOccurrence(ctx: OperationContext, ref: XmlElement): StoredItem {
  const master = masterOf(ctx, ref.attrs.RecurringMasterId ?? '');
  const start = occurrenceStart(master, Number(ref.attrs.InstanceIndex));
  if (!start) throw storeError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange', 'The occurrence index is out of the recurrence range.');
  const originalStart = formatDateTime(start);
  if (deletedStarts(master).includes(originalStart)) throw storeError('ErrorCalendarOccurrenceIsDeletedFromRecurrence', 'The occurrence was deleted from the recurrence.');
  const existing = modifiedOccurrences(ctx, master).find((item) => item.occurrenceOf?.originalStart === originalStart);
  if (existing) return existing;
  const duration = Date.parse(master.fields.get('End')?.text ?? '') - Date.parse(master.fields.get('Start')?.text ?? '');
  const fields = new Map<string, XmlElement>();
  for (const local of OCCURRENCE_FIELDS) {
    const value = master.fields.get(local);
    if (value) fields.set(local, value);
  }
  fields.set('Start', textElement('Start', originalStart));
  fields.set('End', textElement('End', formatDateTime(new Date(start.getTime() + (Number.isFinite(duration) ? duration : 0)))));
  fields.set('OriginalStart', textElement('OriginalStart', originalStart));
  const now = new Date();
  return {
    id: newEntityId(),
    changeKey: newChangeKey(),
    folderId: master.folderId,
    kind: 'CalendarItem',
    itemClass: 'IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}',
    fields,
    extended: new Map(),
    isRead: true,
    created: now,
    modified: now,
    lastModifiedName: ctx.actorName,
    occurrenceOf: { masterId: master.id, originalStart },
  };
}

/** Rewrites the master's ModifiedOccurrences / DeletedOccurrences and saves it, so folder sync reports the series as changed. */
function saveMaster(ctx: OperationContext, master: StoredItem, deleted: readonly string[]): void {
  const modified = modifiedOccurrences(ctx, master).sort((a, b) => (a.occurrenceOf?.originalStart ?? '').localeCompare(b.occurrenceOf?.originalStart ?? ''));
  ctx.store.updateItem(master, ctx.actorName, (target) => {
    if (modified.length === 0) target.fields.delete('ModifiedOccurrences');
    else {
      const entries = modified.map((item) =>
        element('Occurrence', [
          element('ItemId', [], { Id: item.id, ChangeKey: item.changeKey }),
          textElement('Start', item.fields.get('Start')?.text ?? ''),
          textElement('End', item.fields.get('End')?.text ?? ''),
          textElement('OriginalStart', item.occurrenceOf?.originalStart ?? ''),
        ]),
      );
      target.fields.set('ModifiedOccurrences', element('ModifiedOccurrences', entries));
    }
    if (deleted.length === 0) target.fields.delete('DeletedOccurrences');
    else target.fields.set('DeletedOccurrences', element('DeletedOccurrences', [...deleted].sort().map((start) => element('DeletedOccurrence', [textElement('Start', start)]))));
  });
}

/** Saves an edited occurrence as an exception of its series. */
export function saveOccurrence(ctx: OperationContext, occurrence: StoredItem, edited: ReadonlyMap<string, XmlElement>): void {
  const master = masterOf(ctx, occurrence.occurrenceOf?.masterId ?? '');
  occurrence.fields.clear();
  for (const [local, value] of edited) occurrence.fields.set(local, value);
  occurrence.changeKey = newChangeKey();
  occurrence.modified = new Date();
  occurrence.lastModifiedName = ctx.actorName;
  ctx.store.addOccurrence(ctx.mailbox, occurrence);
  saveMaster(ctx, master, deletedStarts(master));
}

/** Deletes one occurrence: it joins the master's DeletedOccurrences and loses its exception. */
export function deleteOccurrence(ctx: OperationContext, occurrence: StoredItem): void {
  const master = masterOf(ctx, occurrence.occurrenceOf?.masterId ?? '');
  ctx.store.removeOccurrence(ctx.mailbox, occurrence);
  saveMaster(ctx, master, [...deletedStarts(master), occurrence.occurrenceOf?.originalStart ?? '']);
}

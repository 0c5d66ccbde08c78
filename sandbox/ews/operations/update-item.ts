import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { childrenNamed, firstChild, type XmlElement } from '../../../server/src/xml/xml-element';
import type { StoredItem } from '../../store/store-types';
import { isStale, resolveItem } from '../item-ids';
import { renderItemId } from '../item-render';
import { applyUpdate, type UpdateVerb } from '../item-update';
import { recordInvitations } from '../meeting-mail';
import { saveOccurrence } from '../occurrences';
import type { OperationContext, OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { statusOf, storeError } from '../status';

const VERBS: readonly string[] = ['SetItemField', 'AppendToItemField', 'DeleteItemField'];

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateitem-operation
 * A ChangeKey older than the stored one is a conflict unless ConflictResolution is
 * AlwaysOverwrite; updates apply all-or-nothing per item.
 */
export const updateItem: OperationHandler = (ctx) => {
  const resolution = ctx.body.attrs.ConflictResolution ?? 'AutoResolve';
  const changes = childrenNamed(firstChild(ctx.body, NS.messages, 'ItemChanges'), NS.types, 'ItemChange');
  const messages = changes.map((change) => {
    try {
      const item = updateOne(ctx, change, resolution);
      return responseMessage('UpdateItemResponseMessage', SUCCESS, [
        el('m:Items', {}, [el(`t:${item.kind}`, {}, [renderItemId(item)])]),
        el('m:ConflictResults', {}, [el('t:Count', {}, 0)]),
      ]);
    } catch (err) {
      return responseMessage('UpdateItemResponseMessage', statusOf(err), [el('m:Items', {})]);
    }
  });
  return el('m:UpdateItemResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

function isReadFlagUpdate(update: XmlElement): boolean {
  return update.local === 'SetItemField' && update.children.some((c) => c.local === 'FieldURI' && c.attrs.FieldURI === 'message:IsRead');
}

function updateOne(ctx: OperationContext, change: XmlElement, resolution: string): StoredItem {
  const ref = firstChild(change, NS.types, 'ItemId') ?? firstChild(change, NS.types, 'OccurrenceItemId');
  if (!ref) throw storeError('ErrorInvalidIdEmpty', 'The ID is empty.');
  const item = resolveItem(ctx, ref);
  if (isStale(ref, item) && resolution !== 'AlwaysOverwrite') {
    throw storeError('ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
  }
  const updates = firstChild(change, NS.types, 'Updates')?.children ?? [];
  if (item.kind === 'CalendarItem' && !ctx.body.attrs.SendMeetingInvitationsOrCancellations) {
    throw storeError('ErrorSendMeetingInvitationsOrCancellationsRequired', 'SendMeetingInvitationsOrCancellations attribute is required for calendar items.');
  }
  // Marking a message read is its own kind of change: sync reports it as ReadFlagChange.
  if (item.kind === 'Message' && updates.length > 0 && updates.every(isReadFlagUpdate)) {
    const value = updates[updates.length - 1]?.children.find((c) => c.local === 'Message')?.children.find((c) => c.local === 'IsRead')?.text.trim();
    ctx.store.setReadFlag(item, value === 'true');
    return item;
  }
  // Work on a copy so a failing update leaves the item untouched.
  const draft: StoredItem = { ...item, fields: new Map(item.fields), extended: new Map(item.extended) };
  for (const update of updates) {
    if (!VERBS.includes(update.local)) continue;
    applyUpdate(draft, update.local as UpdateVerb, update, ctx.timeZoneId);
  }
  const start = draft.fields.get('Start')?.text;
  const end = draft.fields.get('End')?.text;
  if (start && end && end < start) throw storeError('ErrorCalendarEndDateIsEarlierThanStartDate', 'EndDate is earlier than StartDate');
  if (item.occurrenceOf) {
    saveOccurrence(ctx, item, draft.fields);
    return item;
  }
  ctx.store.updateItem(item, ctx.actorName, (target) => {
    target.fields.clear();
    for (const [k, v] of draft.fields) target.fields.set(k, v);
    target.extended.clear();
    for (const [k, v] of draft.extended) target.extended.set(k, v);
    target.isRead = draft.isRead;
    target.itemClass = draft.itemClass;
  });
  const sending = ctx.body.attrs.SendMeetingInvitationsOrCancellations;
  if (item.kind === 'CalendarItem' && (sending === 'SendToAllAndSaveCopy' || sending === 'SendOnlyToAll')) recordInvitations(ctx, item, 'meeting-update');
  return item;
}

import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { firstChild } from '../../../server/src/xml/xml-element';
import type { DeleteMode } from '../../store/mailbox-store';
import { resolveItem } from '../item-ids';
import { recordInvitations } from '../meeting-mail';
import { deleteOccurrence } from '../occurrences';
import type { OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { schemaError, statusOf, storeError } from '../status';

const MODES: readonly string[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'];

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteitem-operation
 * HardDelete and SoftDelete remove the item from the folder (soft-deleted items only
 * live on in the dumpster, which the sandbox does not model); MoveToDeletedItems moves.
 */
export const deleteItem: OperationHandler = (ctx) => {
  const mode = ctx.body.attrs.DeleteType ?? '';
  if (!MODES.includes(mode)) throw schemaError(`DeleteType '${mode}' is not valid.`);
  const cancellations = ctx.body.attrs.SendMeetingCancellations;
  const ids = firstChild(ctx.body, NS.messages, 'ItemIds')?.children ?? [];
  const messages = ids.map((ref) => {
    try {
      const item = resolveItem(ctx, ref);
      if (item.kind === 'CalendarItem' && !cancellations) throw storeError('ErrorSendMeetingCancellationsRequired', 'SendMeetingCancellations attribute is required for calendar items.');
      if (item.kind === 'CalendarItem' && cancellations !== 'SendToNone') recordInvitations(ctx, item, 'meeting-cancellation');
      if (item.occurrenceOf) deleteOccurrence(ctx, item);
      else ctx.store.deleteItem(ctx.mailbox, item, mode as DeleteMode);
      return responseMessage('DeleteItemResponseMessage', SUCCESS);
    } catch (err) {
      return responseMessage('DeleteItemResponseMessage', statusOf(err));
    }
  });
  return el('m:DeleteItemResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

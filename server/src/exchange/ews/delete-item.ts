/**
 * DeleteItem, many per call. Calendar deletes default to `SendToNone` so removing a
 * synced appointment never mails cancellations.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteitem-operation
 */
import { el, type XmlNode } from '../../xml/render-xml';
import type { XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import type { ItemOrOccurrenceRef } from './ews-types';
import { buildItemId, checkItemRefs } from './ids-xml';
import { mapOutcome, type Outcome } from './outcome';
import { alignOutcomes, readResponseMessages } from './response-messages';

export interface DeleteItemArgs {
  /** Items, or single occurrences of a series (deleting one adds it to the master's DeletedOccurrences). */
  readonly itemIds: readonly ItemOrOccurrenceRef[];
  readonly deleteType?: 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems';
  readonly sendMeetingCancellations?: 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';
  readonly affectedTaskOccurrences?: 'AllOccurrences' | 'SpecifiedOccurrenceOnly';
}

export function buildDeleteItemRequest(args: DeleteItemArgs): XmlNode {
  checkItemRefs(args.itemIds, 'DeleteItem');
  return el(
    'm:DeleteItem',
    {
      DeleteType: args.deleteType ?? 'MoveToDeletedItems',
      SendMeetingCancellations: args.sendMeetingCancellations ?? 'SendToNone',
      AffectedTaskOccurrences: args.affectedTaskOccurrences ?? 'AllOccurrences',
    },
    [el('m:ItemIds', {}, args.itemIds.map((ref) => buildItemId(ref)))],
  );
}

export function parseDeleteItemResponse(response: XmlElement): Outcome<true>[] {
  return readResponseMessages(response, 'DeleteItem').map((outcome) => mapOutcome(outcome, () => true as const));
}

export async function deleteItem(call: EwsCall, args: DeleteItemArgs): Promise<Outcome<true>[]> {
  const request = buildDeleteItemRequest(args);
  return alignOutcomes(parseDeleteItemResponse(await call(request)), args.itemIds.length, 'DeleteItem');
}

/**
 * UpdateItem: SetItemField / AppendToItemField / DeleteItemField per item, many items
 * per call. With `NeverOverwrite` and the ChangeKey we last saw, a concurrent edit in
 * Outlook fails that item with ErrorIrresolvableConflict instead of being overwritten.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateitem-operation
 */
import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { childText, firstChild, type XmlElement } from '../../xml/xml-element';
import type { MessageDisposition } from './create-item';
import type { EwsCall } from './ews-call';
import type { FolderRef, ItemOrOccurrenceRef, ItemRef } from './ews-types';
import { buildExtendedFieldUri, type ExtendedPropertyPath } from './extended-property';
import type { CodecContext, FieldUpdate } from './field-codec';
import { readFirstItem } from './get-item';
import { buildItemId, buildTargetFolder, checkFolderRef, checkItemRefs, describeItemRef } from './ids-xml';
import { buildFieldUpdates, ITEM_ELEMENT, type ItemFieldChanges } from './item-xml';
import { mapOutcome, type Outcome } from './outcome';
import { alignOutcomes, readResponseMessages } from './response-messages';
import { readRef } from './xml-read';

export type ConflictResolution = 'NeverOverwrite' | 'AutoResolve' | 'AlwaysOverwrite';
export type SendMeetingInvitationsOrCancellations = 'SendToNone' | 'SendOnlyToAll' | 'SendOnlyToChanged' | 'SendToAllAndSaveCopy' | 'SendToChangedAndSaveCopy';

/** Properties EWS can append to (text bodies, recipient and attendee lists). */
const APPENDABLE = new Set(['body', 'requiredAttendees', 'optionalAttendees', 'resources', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo']);

export interface ItemUpdate {
  /** Include the ChangeKey last seen, so conflicts are detected; an occurrence is addressed through its master. */
  readonly itemId: ItemOrOccurrenceRef;
  /** Properties to set (`value`) or delete (`null`). */
  readonly set: ItemFieldChanges;
  /** Appended instead of replaced (only body, attendees and recipients; same item type as `set`). */
  readonly append?: ItemFieldChanges;
  readonly deleteExtendedProperties?: readonly ExtendedPropertyPath[];
}

export interface UpdateItemArgs {
  readonly updates: readonly ItemUpdate[];
  readonly conflictResolution?: ConflictResolution;
  readonly messageDisposition?: MessageDisposition;
  readonly sendMeetingInvitationsOrCancellations?: SendMeetingInvitationsOrCancellations;
  readonly savedItemFolderId?: FolderRef;
}

export interface UpdatedItem {
  readonly itemId: ItemRef;
  /** Properties the server resolved in our disfavour under AutoResolve. */
  readonly conflictCount: number;
}

function buildDescription(update: FieldUpdate, itemElement: string): XmlNode {
  if (update.op === 'delete') return el('t:DeleteItemField', {}, [update.path]);
  const name = update.op === 'set' ? 't:SetItemField' : 't:AppendToItemField';
  return el(name, {}, [update.path, el(`t:${itemElement}`, {}, [update.node])]);
}

function buildItemChange(update: ItemUpdate, ctx: CodecContext, requireChangeKey: boolean): XmlNode {
  const itemElement = ITEM_ELEMENT[update.set.type];
  if (requireChangeKey && !update.itemId.changeKey) {
    throw new ExchangeError('invalid-request', 'UpdateItem with NeverOverwrite needs the ChangeKey of every item');
  }
  if (update.append && update.append.type !== update.set.type) {
    throw new ExchangeError('invalid-request', 'UpdateItem append changes must have the same item type as set changes');
  }
  const appendKeys = Object.entries(update.append ?? {}).filter(([k, v]) => k !== 'type' && v !== undefined).map(([k]) => k);
  const notAppendable = appendKeys.filter((k) => !APPENDABLE.has(k));
  if (notAppendable.length > 0) throw new ExchangeError('invalid-request', `UpdateItem cannot append to ${notAppendable.join(', ')}`);
  const descriptions = [
    ...buildFieldUpdates(update.set, ctx),
    ...(update.append ? buildFieldUpdates(update.append, ctx) : []).map((u): FieldUpdate => (u.op === 'set' ? { ...u, op: 'append' } : u)),
    ...(update.deleteExtendedProperties ?? []).map((path): FieldUpdate => ({ op: 'delete', path: buildExtendedFieldUri(path) })),
  ];
  if (descriptions.length === 0) throw new ExchangeError('invalid-request', `UpdateItem got no changes for item ${describeItemRef(update.itemId)}`);
  return el('t:ItemChange', {}, [buildItemId(update.itemId), el('t:Updates', {}, descriptions.map((d) => buildDescription(d, itemElement)))]);
}

export function buildUpdateItemRequest(args: UpdateItemArgs, ctx: CodecContext): XmlNode {
  if (args.updates.length === 0) throw new ExchangeError('invalid-request', 'UpdateItem needs at least one item change');
  checkItemRefs(args.updates.map((u) => u.itemId), 'UpdateItem');
  if (args.savedItemFolderId) checkFolderRef(args.savedItemFolderId, 'UpdateItem');
  const conflictResolution = args.conflictResolution ?? 'AutoResolve';
  const hasMessages = args.updates.some((u) => u.set.type === 'message');
  const hasCalendarItems = args.updates.some((u) => u.set.type === 'calendarItem');
  return el(
    'm:UpdateItem',
    {
      ConflictResolution: conflictResolution,
      MessageDisposition: args.messageDisposition ?? (hasMessages ? 'SaveOnly' : undefined),
      SendMeetingInvitationsOrCancellations: args.sendMeetingInvitationsOrCancellations ?? (hasCalendarItems ? 'SendToNone' : undefined),
    },
    [
      args.savedItemFolderId && buildTargetFolder('m:SavedItemFolderId', args.savedItemFolderId),
      el('m:ItemChanges', {}, args.updates.map((u) => buildItemChange(u, ctx, conflictResolution === 'NeverOverwrite'))),
    ],
  );
}

export function parseUpdateItemResponse(response: XmlElement): Outcome<UpdatedItem>[] {
  return readResponseMessages(response, 'UpdateItem').map((outcome) =>
    mapOutcome(outcome, (message) => {
      const itemId = readRef(firstChild(readFirstItem(message, 'UpdateItem'), NS.types, 'ItemId'));
      if (!itemId) throw new ExchangeError('unknown', 'UpdateItem returned an item without ItemId');
      const count = Number(childText(firstChild(message, NS.messages, 'ConflictResults'), NS.types, 'Count') ?? '0');
      return { itemId, conflictCount: Number.isFinite(count) ? count : 0 };
    }),
  );
}

export async function updateItem(call: EwsCall, args: UpdateItemArgs): Promise<Outcome<UpdatedItem>[]> {
  const request = buildUpdateItemRequest(args, call.context);
  return alignOutcomes(parseUpdateItemResponse(await call(request)), args.updates.length, 'UpdateItem');
}

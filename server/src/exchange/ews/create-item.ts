/**
 * CreateItem: contacts, calendar items, tasks and messages, many per call.
 * Sync writes must never mail anyone: calendar items default to `SendToNone`, and
 * messages default to `SaveOnly`; sending from the CRM asks for `SendAndSaveCopy`
 * explicitly, which lands the mail in Sent Items.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createitem-operation
 */
import { ExchangeError } from '../exchange-error';
import { el, type XmlNode } from '../../xml/render-xml';
import type { EwsCall } from './ews-call';
import type { FolderRef, ItemRef, NewItem } from './ews-types';
import type { CodecContext } from './field-codec';
import { buildTargetFolder, checkFolderRef } from './ids-xml';
import { buildItem } from './item-xml';
import { mapOutcome, type Outcome } from './outcome';
import { alignOutcomes, readResponseMessages } from './response-messages';
import { readFirstItem } from './get-item';
import { readRef } from './xml-read';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import { NS } from '../../xml/namespaces';

export type MessageDisposition = 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy';
export type SendMeetingInvitations = 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';

export interface CreateItemArgs {
  readonly items: readonly NewItem[];
  /** Where to save; omit for the default folder of the item type. With SendAndSaveCopy: the copy's folder (default Sent Items). */
  readonly savedItemFolderId?: FolderRef;
  readonly messageDisposition?: MessageDisposition;
  readonly sendMeetingInvitations?: SendMeetingInvitations;
}

export function buildCreateItemRequest(args: CreateItemArgs, ctx: CodecContext): XmlNode {
  if (args.items.length === 0) throw new ExchangeError('invalid-request', 'CreateItem needs at least one item');
  if (args.savedItemFolderId) checkFolderRef(args.savedItemFolderId, 'CreateItem');
  const hasMessages = args.items.some((i) => i.type === 'message');
  const hasCalendarItems = args.items.some((i) => i.type === 'calendarItem');
  const disposition = args.messageDisposition ?? (hasMessages ? 'SaveOnly' : undefined);
  if (disposition === 'SendOnly' && args.savedItemFolderId) {
    throw new ExchangeError('invalid-request', 'CreateItem with SendOnly keeps no copy, so it takes no savedItemFolderId');
  }
  const savedFolder = args.savedItemFolderId ?? (disposition === 'SendAndSaveCopy' ? { distinguished: 'sentitems' as const } : undefined);
  return el(
    'm:CreateItem',
    {
      MessageDisposition: disposition,
      SendMeetingInvitations: args.sendMeetingInvitations ?? (hasCalendarItems ? 'SendToNone' : undefined),
    },
    [savedFolder && buildTargetFolder('m:SavedItemFolderId', savedFolder), el('m:Items', {}, args.items.map((item) => buildItem(item, ctx)))],
  );
}

/**
 * Sent messages come back without an item (the copy is created asynchronously), so an
 * empty success reads as `undefined` instead of failing.
 */
export function parseCreateItemResponse(response: XmlElement): Outcome<ItemRef | undefined>[] {
  return readResponseMessages(response, 'CreateItem').map((outcome) =>
    mapOutcome(outcome, (message) => {
      const items = firstChild(message, NS.messages, 'Items');
      if (!items || items.children.length === 0) return undefined;
      const ref = readRef(firstChild(readFirstItem(message, 'CreateItem'), NS.types, 'ItemId'));
      if (!ref) throw new ExchangeError('unknown', 'CreateItem returned an item without ItemId');
      return ref;
    }),
  );
}

export async function createItem(call: EwsCall, args: CreateItemArgs): Promise<Outcome<ItemRef | undefined>[]> {
  const request = buildCreateItemRequest(args, call.context);
  return alignOutcomes(parseCreateItemResponse(await call(request)), args.items.length, 'CreateItem');
}

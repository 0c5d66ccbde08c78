/**
 * SyncFolderItems: item changes in one folder since a sync state, at most 512 per call;
 * call again while `includesLastItemInRange` is false. Bodies are not returned
 * whatever the shape asks: fetch them with GetItem.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation
 */
import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import type { EwsItem, FolderRef, ItemRef } from './ews-types';
import { buildItemId, buildTargetFolder, checkFolderRef } from './ids-xml';
import { readItem } from './item-xml';
import { readSingleResponseMessage } from './response-messages';
import { buildItemShape, type ResponseShape } from './response-shape';
import { readMessagesFlag, readRef, typesBool } from './xml-read';

export const MAX_CHANGES_PER_SYNC = 512;

export interface SyncFolderItemsArgs {
  readonly folderId: FolderRef;
  /** Omit on the first call; then pass the state returned by the previous call. */
  readonly syncState?: string;
  readonly shape?: ResponseShape;
  /** 1..512; defaults to 512 (fewest round trips). */
  readonly maxChanges?: number;
  readonly ignore?: readonly ItemRef[];
  readonly syncScope?: 'NormalItems' | 'NormalAndAssociatedItems';
}

export type ItemChange =
  | { readonly kind: 'create' | 'update'; readonly item: EwsItem }
  | { readonly kind: 'delete'; readonly itemId: ItemRef }
  | { readonly kind: 'readFlagChange'; readonly itemId: ItemRef; readonly isRead: boolean };

export interface SyncFolderItemsResult {
  readonly syncState: string;
  readonly includesLastItemInRange: boolean;
  readonly changes: ItemChange[];
}

export function buildSyncFolderItemsRequest(args: SyncFolderItemsArgs): XmlNode {
  checkFolderRef(args.folderId, 'SyncFolderItems');
  const maxChanges = args.maxChanges ?? MAX_CHANGES_PER_SYNC;
  if (!Number.isInteger(maxChanges) || maxChanges < 1 || maxChanges > MAX_CHANGES_PER_SYNC) {
    throw new ExchangeError('invalid-request', `SyncFolderItems maxChanges must be an integer from 1 to ${MAX_CHANGES_PER_SYNC}`);
  }
  const ignore = args.ignore ?? [];
  return el('m:SyncFolderItems', {}, [
    buildItemShape(args.shape ?? { baseShape: 'IdOnly' }),
    buildTargetFolder('m:SyncFolderId', args.folderId),
    args.syncState !== undefined && args.syncState !== '' && el('m:SyncState', {}, args.syncState),
    ignore.length > 0 && el('m:Ignore', {}, ignore.map((ref) => buildItemId(ref))),
    el('m:MaxChangesReturned', {}, maxChanges),
    args.syncScope !== undefined && el('m:SyncScope', {}, args.syncScope),
  ]);
}

function readChange(change: XmlElement): ItemChange | undefined {
  if (change.local === 'Delete') {
    const itemId = readRef(firstChild(change, NS.types, 'ItemId'));
    return itemId && { kind: 'delete', itemId };
  }
  if (change.local === 'ReadFlagChange') {
    const itemId = readRef(firstChild(change, NS.types, 'ItemId'));
    return itemId && { kind: 'readFlagChange', itemId, isRead: typesBool(change, 'IsRead') ?? false };
  }
  if (change.local !== 'Create' && change.local !== 'Update') return undefined;
  const item = change.children.find((c) => c.ns === NS.types);
  return item && { kind: change.local === 'Create' ? 'create' : 'update', item: readItem(item) };
}

export function parseSyncFolderItemsResponse(response: XmlElement): SyncFolderItemsResult {
  const message = readSingleResponseMessage(response, 'SyncFolderItems');
  const changes = firstChild(message, NS.messages, 'Changes')?.children ?? [];
  return {
    syncState: firstChild(message, NS.messages, 'SyncState')?.text.trim() ?? '',
    includesLastItemInRange: readMessagesFlag(message, 'IncludesLastItemInRange'),
    changes: changes.filter((c) => c.ns === NS.types).map(readChange).filter((c): c is ItemChange => c !== undefined),
  };
}

export async function syncFolderItems(call: EwsCall, args: SyncFolderItemsArgs): Promise<SyncFolderItemsResult> {
  return parseSyncFolderItemsResponse(await call(buildSyncFolderItemsRequest(args)));
}

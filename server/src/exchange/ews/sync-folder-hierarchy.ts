/**
 * SyncFolderHierarchy: folder creates/updates/deletes since a sync state.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
 */
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import type { EwsFolder, FolderRef, ItemRef } from './ews-types';
import { isFolderElement, readFolder } from './folder-xml';
import { buildTargetFolder, checkFolderRef } from './ids-xml';
import { readSingleResponseMessage } from './response-messages';
import { buildFolderShape, type ResponseShape } from './response-shape';
import { readMessagesFlag, readRef } from './xml-read';

export interface SyncFolderHierarchyArgs {
  /** Omit for the whole mailbox. */
  readonly folderId?: FolderRef;
  /** Omit on the first call. */
  readonly syncState?: string;
  readonly shape?: ResponseShape;
}

export type FolderChange =
  | { readonly kind: 'create' | 'update'; readonly folder: EwsFolder }
  | { readonly kind: 'delete'; readonly folderId: ItemRef };

export interface SyncFolderHierarchyResult {
  readonly syncState: string;
  readonly includesLastFolderInRange: boolean;
  readonly changes: FolderChange[];
}

export function buildSyncFolderHierarchyRequest(args: SyncFolderHierarchyArgs): XmlNode {
  if (args.folderId) checkFolderRef(args.folderId, 'SyncFolderHierarchy');
  return el('m:SyncFolderHierarchy', {}, [
    buildFolderShape(args.shape ?? { baseShape: 'Default' }),
    args.folderId && buildTargetFolder('m:SyncFolderId', args.folderId),
    args.syncState !== undefined && args.syncState !== '' && el('m:SyncState', {}, args.syncState),
  ]);
}

function readChange(change: XmlElement): FolderChange | undefined {
  if (change.local === 'Delete') {
    const folderId = readRef(firstChild(change, NS.types, 'FolderId'));
    return folderId && { kind: 'delete', folderId };
  }
  if (change.local !== 'Create' && change.local !== 'Update') return undefined;
  const folder = change.children.find(isFolderElement);
  return folder && { kind: change.local === 'Create' ? 'create' : 'update', folder: readFolder(folder) };
}

export function parseSyncFolderHierarchyResponse(response: XmlElement): SyncFolderHierarchyResult {
  const message = readSingleResponseMessage(response, 'SyncFolderHierarchy');
  const changes = firstChild(message, NS.messages, 'Changes')?.children ?? [];
  return {
    syncState: firstChild(message, NS.messages, 'SyncState')?.text.trim() ?? '',
    includesLastFolderInRange: readMessagesFlag(message, 'IncludesLastFolderInRange'),
    changes: changes.filter((c) => c.ns === NS.types).map(readChange).filter((c): c is FolderChange => c !== undefined),
  };
}

export async function syncFolderHierarchy(call: EwsCall, args: SyncFolderHierarchyArgs): Promise<SyncFolderHierarchyResult> {
  return parseSyncFolderHierarchyResponse(await call(buildSyncFolderHierarchyRequest(args)));
}

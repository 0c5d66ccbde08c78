/**
 * FindFolder: the folder tree under a parent (for picking sync folders in the admin UI).
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/findfolder-operation
 */
import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { descend, firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import type { EwsFolder, FolderRef } from './ews-types';
import { readFolders } from './folder-xml';
import { buildFolderId, checkFolderRef } from './ids-xml';
import { readSingleResponseMessage } from './response-messages';
import { buildFolderShape, type ResponseShape } from './response-shape';

export interface FindFolderArgs {
  readonly parentFolderId: FolderRef;
  readonly traversal?: 'Shallow' | 'Deep';
  readonly shape?: ResponseShape;
  /** Paging: at most this many folders from `offset` on. */
  readonly maxEntries?: number;
  readonly offset?: number;
}

export interface FindFolderResult {
  readonly folders: EwsFolder[];
  readonly includesLastFolderInRange: boolean;
  readonly totalFoldersInView?: number;
  readonly nextOffset?: number;
}

export function buildFindFolderRequest(args: FindFolderArgs): XmlNode {
  checkFolderRef(args.parentFolderId, 'FindFolder');
  if (args.maxEntries !== undefined && (!Number.isInteger(args.maxEntries) || args.maxEntries < 1)) {
    throw new ExchangeError('invalid-request', 'FindFolder maxEntries must be a positive integer');
  }
  const paged = args.maxEntries !== undefined || args.offset !== undefined;
  return el('m:FindFolder', { Traversal: args.traversal ?? 'Shallow' }, [
    buildFolderShape(args.shape ?? { baseShape: 'Default' }),
    paged && el('m:IndexedPageFolderView', { MaxEntriesReturned: args.maxEntries, Offset: args.offset ?? 0, BasePoint: 'Beginning' }),
    el('m:ParentFolderIds', {}, [buildFolderId(args.parentFolderId)]),
  ]);
}

export function parseFindFolderResponse(response: XmlElement): FindFolderResult {
  const message = readSingleResponseMessage(response, 'FindFolder');
  const root = firstChild(message, NS.messages, 'RootFolder');
  const total = root?.attrs['TotalItemsInView'];
  const next = root?.attrs['IndexedPagingOffset'];
  return {
    folders: readFolders(descend(root, NS.types, 'Folders')),
    includesLastFolderInRange: root?.attrs['IncludesLastItemInRange'] !== 'false',
    totalFoldersInView: total === undefined ? undefined : Number(total),
    nextOffset: next === undefined ? undefined : Number(next),
  };
}

export async function findFolder(call: EwsCall, args: FindFolderArgs): Promise<FindFolderResult> {
  return parseFindFolderResponse(await call(buildFindFolderRequest(args)));
}

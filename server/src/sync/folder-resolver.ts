import type { FolderRef, SyncDataType } from '../../../shared/admin/sync-rule.schema';
import type { ExchangeFolder, FolderClass } from '../exchange/exchange-gateway';
import type { NeutralItemType } from '../exchange/exchange-items';

export const folderClassOf: Record<SyncDataType, FolderClass> = { contacts: 'contacts', appointments: 'calendar', tasks: 'tasks' };
export const itemTypeOf: Record<SyncDataType, NeutralItemType> = { contacts: 'contact', appointments: 'appointment', tasks: 'task' };

export interface ResolvedFolders {
  /** Folders to sync, selected ones first, each once. */
  readonly folderIds: string[];
  readonly newItemsFolderId: string | null;
  /** References that match no folder of the right kind in this mailbox. */
  readonly missing: FolderRef[];
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part.localeCompare(b[i] ?? '', undefined, { sensitivity: 'accent' }) === 0);
}

function findFolder(tree: readonly ExchangeFolder[], ref: FolderRef): ExchangeFolder | undefined {
  switch (ref.kind) {
    case 'well-known':
      return tree.find((folder) => folder.wellKnownName === ref.name);
    case 'path':
      return tree.find((folder) => samePath(folder.path, ref.path));
    case 'id':
      return tree.find((folder) => folder.id === ref.id);
  }
}

function collectDescendants(tree: readonly ExchangeFolder[], rootId: string, folderClass: FolderClass): string[] {
  const children = new Map<string, ExchangeFolder[]>();
  for (const folder of tree) {
    if (folder.parentId === null) continue;
    children.set(folder.parentId, [...(children.get(folder.parentId) ?? []), folder]);
  }
  const found: string[] = [];
  const queue = [...(children.get(rootId) ?? [])];
  for (let folder = queue.shift(); folder; folder = queue.shift()) {
    if (folder.folderClass === folderClass) found.push(folder.id);
    queue.push(...(children.get(folder.id) ?? []));
  }
  return found;
}

/** Turns a rule's folder references into this mailbox's folder ids (docs/sync-rules.md). */
export function resolveRuleFolders(
  tree: readonly ExchangeFolder[],
  dataType: SyncDataType,
  refs: readonly FolderRef[],
  includeSubfolders: boolean,
  newItemsFolder: FolderRef | null,
): ResolvedFolders {
  const folderClass = folderClassOf[dataType];
  const ids: string[] = [];
  const missing: FolderRef[] = [];
  for (const ref of refs) {
    const folder = findFolder(tree, ref);
    if (!folder || folder.folderClass !== folderClass) {
      missing.push(ref);
      continue;
    }
    ids.push(folder.id, ...(includeSubfolders ? collectDescendants(tree, folder.id, folderClass) : []));
  }
  const folderIds = [...new Set(ids)];
  const target = newItemsFolder ? findFolder(tree, newItemsFolder) : undefined;
  const newItemsFolderId = target && target.folderClass === folderClass ? target.id : (folderIds[0] ?? null);
  return { folderIds, newItemsFolderId, missing };
}

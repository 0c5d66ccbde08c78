import { wellKnownFolders, type FolderRef, type SyncDataType } from '../../../../shared/admin/sync-rule.schema';
import type { ExchangeFolder } from '../api/admin-api';

const folderClassOf: Record<SyncDataType, ExchangeFolder['folderClass']> = { contacts: 'contacts', appointments: 'calendar', tasks: 'tasks' };

/** Only folders that can hold the rule's data type are offered. */
export function foldersForType(folders: readonly ExchangeFolder[], dataType: SyncDataType): ExchangeFolder[] {
  return folders.filter((folder) => folder.folderClass === folderClassOf[dataType]);
}

/**
 * A picked folder as the rule stores it: by well-known name or by path, never by id, so
 * the same rule works in every mailbox it applies to (docs/sync-rules.md).
 */
export function toFolderRef(folder: ExchangeFolder): FolderRef {
  const known = wellKnownFolders.find((name) => name === folder.wellKnownName);
  if (known) return { kind: 'well-known', name: known };
  return { kind: 'path', path: folder.path.length > 0 ? [...folder.path] : [folder.displayName] };
}

export function describeFolderRef(folder: FolderRef): string {
  if (folder.kind === 'well-known') return folder.name;
  if (folder.kind === 'path') return folder.path.join(' / ');
  return folder.displayPath || folder.id;
}

/** Depth of a folder in its tree, for indentation. */
export function folderDepth(folder: ExchangeFolder, all: readonly ExchangeFolder[]): number {
  let depth = 0;
  let parent = all.find((candidate) => candidate.id === folder.parentId);
  while (parent && depth < 20) {
    depth += 1;
    const parentId = parent.parentId;
    parent = all.find((candidate) => candidate.id === parentId);
  }
  return depth;
}

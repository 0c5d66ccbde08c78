import type { EwsFolder } from '../ews/ews-types';
import type { ExchangeFolder, FolderClass } from '../exchange-gateway';

/** The well-known folders the engine addresses by name (rules for many users, deletes). */
export const wellKnownFolderNames = ['contacts', 'calendar', 'tasks', 'deleteditems', 'inbox', 'sentitems'] as const;

function folderClassOf(folder: EwsFolder): FolderClass {
  const cls = folder.folderClass ?? '';
  if (folder.kind === 'ContactsFolder' || cls.startsWith('IPF.Contact')) return 'contacts';
  if (folder.kind === 'CalendarFolder' || cls.startsWith('IPF.Appointment')) return 'calendar';
  if (folder.kind === 'TasksFolder' || cls.startsWith('IPF.Task')) return 'tasks';
  if (cls === '' || cls.startsWith('IPF.Note')) return 'mail';
  return 'other';
}

/**
 * Turns a deep FindFolder listing into the port's tree: paths by display name from
 * below the mailbox root, parents before children, well-known names attached.
 */
export function buildFolderTree(folders: readonly EwsFolder[], wellKnownIds: ReadonlyMap<string, string>): ExchangeFolder[] {
  const byId = new Map(folders.map((folder) => [folder.folderId.id, folder]));
  const pathOf = (folder: EwsFolder, seen = new Set<string>()): string[] => {
    const parentId = folder.parentFolderId?.id;
    const parent = parentId ? byId.get(parentId) : undefined;
    if (!parent || seen.has(parent.folderId.id)) return [folder.displayName ?? ''];
    seen.add(folder.folderId.id);
    return [...pathOf(parent, seen), folder.displayName ?? ''];
  };
  return folders
    .map((folder): ExchangeFolder => {
      const parentId = folder.parentFolderId?.id ?? null;
      return {
        id: folder.folderId.id,
        parentId: parentId && byId.has(parentId) ? parentId : null,
        displayName: folder.displayName ?? '',
        path: pathOf(folder),
        folderClass: folderClassOf(folder),
        wellKnownName: wellKnownIds.get(folder.folderId.id) ?? null,
      };
    })
    .sort((a, b) => a.path.length - b.path.length || a.path.join('/').localeCompare(b.path.join('/')));
}

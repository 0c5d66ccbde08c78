import type { DistinguishedFolderName, FolderKind } from './store-types';

export interface DefaultFolder {
  readonly name: DistinguishedFolderName;
  readonly displayName: string;
  readonly parent: DistinguishedFolderName | undefined;
  readonly kind: FolderKind;
  readonly folderClass: string;
}

/** The well-known folders every Exchange mailbox has, with their MAPI container classes. */
export const DEFAULT_FOLDERS: readonly DefaultFolder[] = [
  { name: 'root', displayName: 'Root', parent: undefined, kind: 'Folder', folderClass: '' },
  { name: 'msgfolderroot', displayName: 'Top of Information Store', parent: 'root', kind: 'Folder', folderClass: 'IPF.Note' },
  { name: 'searchfolders', displayName: 'Finder', parent: 'root', kind: 'Folder', folderClass: '' },
  { name: 'inbox', displayName: 'Inbox', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  { name: 'sentitems', displayName: 'Sent Items', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  { name: 'drafts', displayName: 'Drafts', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  { name: 'outbox', displayName: 'Outbox', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  { name: 'junkemail', displayName: 'Junk Email', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  { name: 'deleteditems', displayName: 'Deleted Items', parent: 'msgfolderroot', kind: 'Folder', folderClass: 'IPF.Note' },
  { name: 'calendar', displayName: 'Calendar', parent: 'msgfolderroot', kind: 'CalendarFolder', folderClass: 'IPF.Appointment' },
  { name: 'contacts', displayName: 'Contacts', parent: 'msgfolderroot', kind: 'ContactsFolder', folderClass: 'IPF.Contact' },
  { name: 'tasks', displayName: 'Tasks', parent: 'msgfolderroot', kind: 'TasksFolder', folderClass: 'IPF.Task' },
];

export function kindForFolderClass(folderClass: string): FolderKind {
  if (folderClass.startsWith('IPF.Appointment')) return 'CalendarFolder';
  if (folderClass.startsWith('IPF.Contact')) return 'ContactsFolder';
  if (folderClass.startsWith('IPF.Task')) return 'TasksFolder';
  return 'Folder';
}

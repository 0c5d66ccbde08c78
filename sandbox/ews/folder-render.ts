import { el, type XmlNode } from '../../server/src/xml/render-xml';
import type { MailboxStore } from '../store/mailbox-store';
import type { Mailbox, StoredFolder } from '../store/store-types';
import type { ItemShape } from './item-shape';

export function renderFolderId(folder: StoredFolder): XmlNode {
  return el('t:FolderId', { Id: folder.id, ChangeKey: folder.changeKey });
}

/**
 * One folder as `t:Folder`/`t:CalendarFolder`/…; BaseFolderType's sequence is FolderId,
 * ParentFolderId, FolderClass, DisplayName, TotalCount, ChildFolderCount; UnreadCount
 * exists only on FolderType (and TasksFolderType, which extends it).
 */
export function renderFolder(store: MailboxStore, mailbox: Mailbox, folder: StoredFolder, shape: ItemShape): XmlNode {
  const all = shape.base === 'AllProperties';
  const standard = shape.base !== 'IdOnly';
  const want = (local: string, inDefault: boolean): boolean => (inDefault ? standard : all) || shape.fields.has(local);
  const hasUnread = folder.kind === 'Folder' || folder.kind === 'TasksFolder';
  return el(`t:${folder.kind}`, {}, [
    renderFolderId(folder),
    want('ParentFolderId', false) && folder.parentId !== undefined && parentId(store, folder.parentId),
    want('FolderClass', false) && folder.folderClass !== '' && el('t:FolderClass', {}, folder.folderClass),
    want('DisplayName', true) && el('t:DisplayName', {}, folder.displayName),
    want('TotalCount', true) && el('t:TotalCount', {}, store.countItems(folder.id)),
    want('ChildFolderCount', true) && el('t:ChildFolderCount', {}, store.childFolders(mailbox, folder.id).length),
    hasUnread && want('UnreadCount', true) && el('t:UnreadCount', {}, unreadCount(store, mailbox, folder)),
  ]);
}

function parentId(store: MailboxStore, id: string): XmlNode | undefined {
  const parent = store.lookupFolder(id)?.folder;
  return parent && el('t:ParentFolderId', { Id: parent.id, ChangeKey: parent.changeKey });
}

function unreadCount(store: MailboxStore, mailbox: Mailbox, folder: StoredFolder): number {
  return store.itemsIn(mailbox, folder.id).filter((i) => !i.isRead).length;
}

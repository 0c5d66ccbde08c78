import { randomBytes } from 'node:crypto';
import type { XmlElement } from '../../server/src/xml/xml-element';
import { ChangeLog, type ChangeKind } from './change-log';
import { DEFAULT_FOLDERS, kindForFolderClass } from './folder-defaults';
import { newChangeKey, newEntityId } from './ids';
import type { DistinguishedFolderName, ExtendedPropertyValue, ItemKind, Mailbox, StoredFolder, StoredItem } from './store-types';

export class StoreError extends Error {
  constructor(
    readonly responseCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface NewItem {
  readonly kind: ItemKind;
  readonly itemClass?: string;
  readonly fields: Map<string, XmlElement>;
  readonly extended?: Map<string, ExtendedPropertyValue>;
  readonly isRead?: boolean;
}

export type DeleteMode = 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems';

const DEFAULT_ITEM_CLASS: Record<ItemKind, string> = { Message: 'IPM.Note', CalendarItem: 'IPM.Appointment', Contact: 'IPM.Contact', Task: 'IPM.Task' };

/**
 * All mailboxes of the sandbox. One monotonic sequence numbers every change, so a
 * sync state is just (folder, sequence) and "changes since" is a log scan.
 */
export class MailboxStore {
  readonly mailboxes = new Map<string, Mailbox>();
  /** Random per store instance: sync states from an earlier sandbox run are refused. */
  readonly epoch = randomBytes(6).toString('hex');
  private seq = 0;
  private readonly itemIndex = new Map<string, { mailbox: Mailbox; item: StoredItem }>();
  private readonly folderIndex = new Map<string, { mailbox: Mailbox; folder: StoredFolder }>();
  private readonly itemLogs = new Map<string, ChangeLog>();
  private readonly hierarchyLogs = new Map<string, ChangeLog>();
  private readonly folderContents = new Map<string, Set<string>>();

  addMailbox(smtpAddress: string, displayName: string, password: string): Mailbox {
    const key = smtpAddress.toLowerCase();
    const existing = this.mailboxes.get(key);
    if (existing) return existing;
    const mailbox: Mailbox = { smtpAddress, displayName, password, folders: new Map(), distinguished: new Map(), items: new Map() };
    this.mailboxes.set(key, mailbox);
    this.hierarchyLogs.set(key, new ChangeLog());
    for (const def of DEFAULT_FOLDERS) {
      const parentId = def.parent ? mailbox.distinguished.get(def.parent) : undefined;
      const folder = this.insertFolder(mailbox, { parentId, displayName: def.displayName, folderClass: def.folderClass, distinguished: def.name });
      mailbox.distinguished.set(def.name, folder.id);
    }
    return mailbox;
  }

  findMailbox(smtpAddress: string): Mailbox | undefined {
    return this.mailboxes.get(smtpAddress.toLowerCase());
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  currentSeq(): number {
    return this.seq;
  }

  createFolder(mailbox: Mailbox, parentId: string, displayName: string, folderClass: string): StoredFolder {
    const parent = this.folderOf(mailbox, parentId);
    const clash = [...mailbox.folders.values()].some((f) => f.parentId === parent.id && f.displayName.toLowerCase() === displayName.toLowerCase());
    if (clash) throw new StoreError('ErrorFolderExists', `A folder named ${displayName} already exists`);
    return this.insertFolder(mailbox, { parentId: parent.id, displayName, folderClass });
  }

  folderOf(mailbox: Mailbox, folderId: string): StoredFolder {
    const folder = mailbox.folders.get(folderId);
    if (!folder) throw new StoreError('ErrorFolderNotFound', 'The specified folder could not be found in the store.');
    return folder;
  }

  distinguishedFolder(mailbox: Mailbox, name: DistinguishedFolderName): StoredFolder {
    return this.folderOf(mailbox, mailbox.distinguished.get(name) ?? '');
  }

  lookupItem(id: string): { mailbox: Mailbox; item: StoredItem } | undefined {
    return this.itemIndex.get(id);
  }

  lookupFolder(id: string): { mailbox: Mailbox; folder: StoredFolder } | undefined {
    return this.folderIndex.get(id);
  }

  childFolders(mailbox: Mailbox, parentId: string): StoredFolder[] {
    return [...mailbox.folders.values()].filter((f) => f.parentId === parentId);
  }

  itemsIn(mailbox: Mailbox, folderId: string): StoredItem[] {
    const out: StoredItem[] = [];
    for (const id of this.contentsOf(folderId)) {
      const item = mailbox.items.get(id);
      if (item) out.push(item);
    }
    return out;
  }

  countItems(folderId: string): number {
    return this.contentsOf(folderId).size;
  }

  private contentsOf(folderId: string): Set<string> {
    let set = this.folderContents.get(folderId);
    if (!set) {
      set = new Set();
      this.folderContents.set(folderId, set);
    }
    return set;
  }

  itemLog(folderId: string): ChangeLog {
    let log = this.itemLogs.get(folderId);
    if (!log) {
      log = new ChangeLog();
      this.itemLogs.set(folderId, log);
    }
    return log;
  }

  hierarchyLog(mailbox: Mailbox): ChangeLog {
    return this.hierarchyLogs.get(mailbox.smtpAddress.toLowerCase()) as ChangeLog;
  }

  createItem(mailbox: Mailbox, folderId: string, input: NewItem, modifiedBy: string): StoredItem {
    const folder = this.folderOf(mailbox, folderId);
    const now = new Date();
    const item: StoredItem = {
      id: newEntityId(),
      changeKey: newChangeKey(),
      folderId: folder.id,
      kind: input.kind,
      itemClass: input.itemClass ?? DEFAULT_ITEM_CLASS[input.kind],
      fields: input.fields,
      extended: input.extended ?? new Map(),
      isRead: input.isRead ?? input.kind !== 'Message',
      created: now,
      modified: now,
      lastModifiedName: modifiedBy,
    };
    mailbox.items.set(item.id, item);
    this.itemIndex.set(item.id, { mailbox, item });
    this.contentsOf(folder.id).add(item.id);
    this.logItem(item, 'create');
    return item;
  }

  /**
   * Registers a modified occurrence so its id resolves. Exceptions live in no folder and
   * never show up in SyncFolderItems; writing one is a change of its master.
   */
  addOccurrence(mailbox: Mailbox, occurrence: StoredItem): void {
    mailbox.items.set(occurrence.id, occurrence);
    this.itemIndex.set(occurrence.id, { mailbox, item: occurrence });
  }

  removeOccurrence(mailbox: Mailbox, occurrence: StoredItem): void {
    mailbox.items.delete(occurrence.id);
    this.itemIndex.delete(occurrence.id);
  }

  /** Applies an edit and gives the item a new ChangeKey, as every Exchange save does. */
  updateItem(item: StoredItem, modifiedBy: string, edit: (item: StoredItem) => void): StoredItem {
    edit(item);
    item.changeKey = newChangeKey();
    item.modified = new Date();
    item.lastModifiedName = modifiedBy;
    this.logItem(item, 'update');
    return item;
  }

  setReadFlag(item: StoredItem, isRead: boolean): void {
    if (item.isRead === isRead) return;
    item.isRead = isRead;
    item.changeKey = newChangeKey();
    this.logItem(item, 'read-flag');
  }

  moveItem(mailbox: Mailbox, item: StoredItem, targetFolderId: string): StoredItem {
    const target = this.folderOf(mailbox, targetFolderId);
    this.logItem(item, 'delete');
    this.contentsOf(item.folderId).delete(item.id);
    item.folderId = target.id;
    this.contentsOf(target.id).add(item.id);
    item.changeKey = newChangeKey();
    this.logItem(item, 'create');
    return item;
  }

  deleteItem(mailbox: Mailbox, item: StoredItem, mode: DeleteMode): void {
    const deletedItems = mailbox.distinguished.get('deleteditems');
    if (mode === 'MoveToDeletedItems' && deletedItems && item.folderId !== deletedItems) {
      this.moveItem(mailbox, item, deletedItems);
      return;
    }
    this.logItem(item, 'delete');
    this.contentsOf(item.folderId).delete(item.id);
    mailbox.items.delete(item.id);
    this.itemIndex.delete(item.id);
  }

  private logItem(item: StoredItem, kind: ChangeKind): void {
    this.itemLog(item.folderId).record(item.id, kind, this.nextSeq());
  }

  private insertFolder(
    mailbox: Mailbox,
    spec: { parentId: string | undefined; displayName: string; folderClass: string; distinguished?: DistinguishedFolderName },
  ): StoredFolder {
    const seq = this.nextSeq();
    const folder: StoredFolder = {
      id: newEntityId(),
      changeKey: newChangeKey(),
      parentId: spec.parentId,
      displayName: spec.displayName,
      folderClass: spec.folderClass,
      kind: kindForFolderClass(spec.folderClass),
      distinguished: spec.distinguished,
      hierarchySeq: seq,
      createdSeq: seq,
    };
    mailbox.folders.set(folder.id, folder);
    this.folderIndex.set(folder.id, { mailbox, folder });
    // The root folder has no parent and is never reported by SyncFolderHierarchy.
    if (spec.parentId) this.hierarchyLog(mailbox).record(folder.id, 'create', seq);
    return folder;
  }
}

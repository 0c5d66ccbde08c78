import { ExchangeError } from '../../../server/src/exchange/exchange-error';
import type {
  ChangeBatch,
  ExchangeChange,
  ExchangeFolder,
  ExchangeGateway,
  ExchangeItem,
  ItemUpdate,
  ItemVersion,
  NewItem,
  Outcome,
  StampedItem,
} from '../../../server/src/exchange/exchange-gateway';
import type { NeutralItem, NeutralItemType } from '../../../server/src/exchange/exchange-items';

interface StoredItem {
  id: string;
  mailbox: string;
  folderId: string;
  changeKey: string;
  crmId: string | null;
  lastModified: string;
  data: NeutralItem;
}

interface FolderEvent {
  seq: number;
  folderId: string;
  itemId: string;
}

export type FakeOperation = keyof ExchangeGateway;

/**
 * An in-memory Exchange with EWS's observable behaviour: change keys change on every
 * write, moves give items new ids, folder sync reports each changed item once per page,
 * and stale change keys answer `conflict`. Faults can be queued per operation.
 */
export class FakeExchange implements ExchangeGateway {
  readonly calls = new Map<FakeOperation, number>();
  private readonly items = new Map<string, StoredItem>();
  private readonly folders = new Map<string, ExchangeFolder[]>();
  private readonly events: FolderEvent[] = [];
  private readonly faults: Array<{ operation: FakeOperation; error: ExchangeError }> = [];
  /** Seeded random faults: whole calls, single items of a batch, and answers lost after the work was done. */
  chaos: { random: () => number; rate: number } | null = null;
  /** Runs before every call; the chaos runner throws from here to kill the "backend" mid-run. */
  beforeCall: ((operation: FakeOperation) => void) | null = null;
  injectedFaults = 0;
  private readonly lostAnswers: Array<{ operation: FakeOperation; error: ExchangeError }> = [];
  private readonly invalidCursors = new Set<string>();
  private seq = 0;
  private nextId = 0;
  private changeKeys = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  addMailbox(mailbox: string): void {
    const id = (name: string): string => `${mailbox}/${name}`;
    this.folders.set(mailbox, [
      { id: id('contacts'), parentId: null, displayName: 'Contacts', path: ['Contacts'], folderClass: 'contacts', wellKnownName: 'contacts' },
      { id: id('calendar'), parentId: null, displayName: 'Calendar', path: ['Calendar'], folderClass: 'calendar', wellKnownName: 'calendar' },
      { id: id('tasks'), parentId: null, displayName: 'Tasks', path: ['Tasks'], folderClass: 'tasks', wellKnownName: 'tasks' },
      { id: id('deleteditems'), parentId: null, displayName: 'Deleted Items', path: ['Deleted Items'], folderClass: 'mail', wellKnownName: 'deleteditems' },
    ]);
  }

  addFolder(mailbox: string, parentId: string, displayName: string, folderClass: ExchangeFolder['folderClass']): string {
    const tree = this.folders.get(mailbox) ?? [];
    const parent = tree.find((folder) => folder.id === parentId);
    const id = `${parentId}/${displayName}`;
    tree.push({ id, parentId, displayName, path: [...(parent?.path ?? []), displayName], folderClass, wellKnownName: null });
    return id;
  }

  folderId(mailbox: string, wellKnown: string): string {
    return `${mailbox}/${wellKnown}`;
  }

  failNext(operation: FakeOperation, error: ExchangeError, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ operation, error });
  }

  /** The next call of `operation` does its work, then fails as if the answer was lost. */
  loseAnswerOfNext(operation: FakeOperation, error: ExchangeError): void {
    this.lostAnswers.push({ operation, error });
  }

  /** The server forgets every sync state it handed out for this folder. */
  invalidateSyncState(folderId: string): void {
    this.invalidCursors.add(folderId);
  }

  // ---- what a user does in Outlook ----

  userCreate(mailbox: string, folderId: string, data: NeutralItem): string {
    return this.store({ id: this.newId(), mailbox, folderId, changeKey: this.newChangeKey(), crmId: null, lastModified: this.clock().toISOString(), data });
  }

  userUpdate(id: string, patch: Partial<NeutralItem>): void {
    const item = this.require(id);
    this.store({ ...item, data: { ...item.data, ...patch } as NeutralItem, changeKey: this.newChangeKey(), lastModified: this.clock().toISOString() });
  }

  /** Outlook's delete: a move to Deleted Items (new id, stamp kept). */
  userDelete(id: string): void {
    const item = this.require(id);
    this.userMove(id, this.folderId(item.mailbox, 'deleteditems'));
  }

  userMove(id: string, folderId: string): string {
    const item = this.require(id);
    this.items.delete(id);
    this.event(item.folderId, id);
    return this.store({ ...item, id: this.newId(), folderId, changeKey: this.newChangeKey() });
  }

  itemsIn(folderId: string): ExchangeItem[] {
    return [...this.items.values()].filter((item) => item.folderId === folderId).map((item) => this.toItem(item));
  }

  count(operation: FakeOperation): number {
    return this.calls.get(operation) ?? 0;
  }

  // ---- the port ----

  async listFolders(mailbox: string): Promise<ExchangeFolder[]> {
    this.enter('listFolders');
    return [...(this.folders.get(mailbox) ?? [])];
  }

  async syncFolder(_mailbox: string, folderId: string, _itemType: NeutralItemType, cursor: string | null, maxChanges: number): Promise<ChangeBatch> {
    this.enter('syncFolder');
    if (cursor !== null && this.invalidCursors.has(folderId)) {
      throw new ExchangeError('sync-state-invalid', 'ErrorInvalidSyncStateData', { code: 'ErrorInvalidSyncStateData' });
    }
    if (cursor === null) this.invalidCursors.delete(folderId);
    const after = cursor === null ? 0 : Number(cursor);
    const pending = this.events.filter((event) => event.folderId === folderId && event.seq > after);
    const seen = new Set<string>();
    let last = after;
    for (const event of pending) {
      if (!seen.has(event.itemId) && seen.size >= maxChanges) break;
      seen.add(event.itemId);
      last = event.seq;
    }
    const changes: ExchangeChange[] = [...seen].map((itemId) => {
      const item = this.items.get(itemId);
      return item && item.folderId === folderId ? { type: 'upsert', item: this.toItem(item) } : { type: 'remove', itemId };
    });
    const more = pending.some((event) => event.seq > last);
    return { changes, cursor: String(more ? last : Math.max(last, this.lastSeqOf(folderId, after))), more };
  }

  async getItems(_mailbox: string, _itemType: NeutralItemType, ids: readonly string[]): Promise<Outcome<ExchangeItem>[]> {
    this.enter('getItems');
    return ids.map((id) => {
      const item = this.items.get(id);
      return item ? { ok: true, value: this.toItem(item) } : { ok: false, error: new ExchangeError('not-found', 'ErrorItemNotFound') };
    });
  }

  async createItems(mailbox: string, folderId: string, items: readonly NewItem[]): Promise<Outcome<ItemVersion>[]> {
    this.enter('createItems');
    return this.answer('createItems', items.map((item): Outcome<ItemVersion> => {
      if (this.itemFault()) return { ok: false, error: new ExchangeError('temporary', 'injected item failure') };
      const id = this.store({ id: this.newId(), mailbox, folderId, changeKey: this.newChangeKey(), crmId: item.crmId, lastModified: this.clock().toISOString(), data: item.data });
      return { ok: true, value: { id, changeKey: this.require(id).changeKey } };
    }));
  }

  async updateItems(_mailbox: string, updates: readonly ItemUpdate[]): Promise<Outcome<ItemVersion>[]> {
    this.enter('updateItems');
    return this.answer('updateItems', updates.map((update): Outcome<ItemVersion> => {
      if (this.itemFault()) return { ok: false, error: new ExchangeError('temporary', 'injected item failure') };
      const item = this.items.get(update.id);
      if (!item) return { ok: false, error: new ExchangeError('not-found', 'ErrorItemNotFound') };
      if (item.changeKey !== update.changeKey) return { ok: false, error: new ExchangeError('conflict', 'ErrorIrresolvableConflict') };
      const data = { ...item.data } as Record<string, unknown>;
      for (const field of update.fields) data[field] = (update.data as unknown as Record<string, unknown>)[field];
      this.store({ ...item, data: data as unknown as NeutralItem, crmId: update.crmId, changeKey: this.newChangeKey(), lastModified: this.clock().toISOString() });
      return { ok: true, value: { id: item.id, changeKey: this.require(item.id).changeKey } };
    }));
  }

  async deleteItems(mailbox: string, ids: readonly string[]): Promise<Outcome<null>[]> {
    this.enter('deleteItems');
    return this.answer('deleteItems', ids.map((id): Outcome<null> => {
      if (this.itemFault()) return { ok: false, error: new ExchangeError('temporary', 'injected item failure') };
      if (this.items.has(id)) this.userMove(id, this.folderId(mailbox, 'deleteditems'));
      return { ok: true, value: null };
    }));
  }

  async findByCrmIds(mailbox: string, folderIds: readonly string[], crmIds: readonly string[]): Promise<StampedItem[]> {
    this.enter('findByCrmIds');
    return [...this.items.values()]
      .filter((item) => item.mailbox === mailbox && folderIds.includes(item.folderId) && item.crmId !== null && crmIds.includes(item.crmId))
      .map((item) => ({ id: item.id, changeKey: item.changeKey, folderId: item.folderId, crmId: item.crmId ?? '' }));
  }

  // ---- internals ----

  private enter(operation: FakeOperation): void {
    this.calls.set(operation, this.count(operation) + 1);
    this.beforeCall?.(operation);
    if (this.chaos && operation !== 'listFolders' && this.chaos.random() < this.chaos.rate) {
      const roll = this.chaos.random();
      if (operation === 'syncFolder' && roll < 0.2) {
        for (const folders of this.folders.values()) for (const folder of folders) this.invalidCursors.add(folder.id);
      }
      this.injectedFaults += 1;
      throw roll < 0.6 ? new ExchangeError('temporary', 'injected timeout') : new ExchangeError('throttled', 'ErrorServerBusy', { retryAfterMs: 1 });
    }
    const index = this.faults.findIndex((fault) => fault.operation === operation);
    if (index >= 0) {
      const [fault] = this.faults.splice(index, 1);
      if (fault) throw fault.error;
    }
  }

  private answer<T>(operation: FakeOperation, result: T): T {
    if (this.chaos && this.chaos.random() < this.chaos.rate / 4) {
      this.injectedFaults += 1;
      throw new ExchangeError('temporary', 'injected lost answer');
    }
    const index = this.lostAnswers.findIndex((lost) => lost.operation === operation);
    if (index < 0) return result;
    const [lost] = this.lostAnswers.splice(index, 1);
    if (lost) throw lost.error;
    return result;
  }

  private itemFault(): boolean {
    const fault = this.chaos !== null && this.chaos.random() < this.chaos.rate / 2;
    if (fault) this.injectedFaults += 1;
    return fault;
  }

  private lastSeqOf(folderId: string, after: number): number {
    return this.events.filter((event) => event.folderId === folderId).reduce((max, event) => Math.max(max, event.seq), after);
  }

  private store(item: StoredItem): string {
    this.items.set(item.id, item);
    this.event(item.folderId, item.id);
    return item.id;
  }

  private event(folderId: string, itemId: string): void {
    this.seq += 1;
    this.events.push({ seq: this.seq, folderId, itemId });
  }

  private require(id: string): StoredItem {
    const item = this.items.get(id);
    if (!item) throw new Error(`no item ${id}`);
    return item;
  }

  private newId(): string {
    this.nextId += 1;
    return `item-${this.nextId}`;
  }

  private newChangeKey(): string {
    this.changeKeys += 1;
    return `ck-${this.changeKeys}`;
  }

  private toItem(item: StoredItem): ExchangeItem {
    return { id: item.id, changeKey: item.changeKey, folderId: item.folderId, crmId: item.crmId, lastModified: item.lastModified, data: item.data };
  }
}

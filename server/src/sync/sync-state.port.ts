import type { SyncDataType } from '../../../shared/admin/sync-rule.schema';
import type { NeutralItem } from '../exchange/exchange-items';

/** One synced record (C3): CRM id ↔ mailbox ↔ item id ↔ change key, with the values both sides had after the last sync. */
export interface SyncPair {
  readonly accountId: string;
  readonly dataType: SyncDataType;
  readonly crmId: string;
  /** Null while an Exchange create is in flight: a crash then is healed by looking for the stamped CRM id. */
  readonly itemId: string | null;
  readonly changeKey: string | null;
  readonly folderId: string;
  readonly ruleId: string;
  readonly crmSnapshot: NeutralItem | null;
  readonly exchangeSnapshot: NeutralItem | null;
  readonly syncedAt: string;
}

/**
 * A pair written just before a record is imported from an item (item id known, no
 * snapshots yet): the CRM create and the pair are two commits, and a crash between them
 * must still leave a trace of the item, or a delete of it before the next run is lost.
 */
export function isInterruptedImport(pair: SyncPair): pair is SyncPair & { itemId: string } {
  return pair.itemId !== null && pair.crmSnapshot === null && pair.exchangeSnapshot === null;
}

export interface FolderSyncState {
  readonly accountId: string;
  readonly folderId: string;
  readonly ruleId: string;
  /** Null: start from the beginning (first sync or after a reset). */
  readonly cursor: string | null;
  /** Whether the folder's first full pass finished; before that, old items are history (B7). */
  readonly initialDone: boolean;
  /** When the last sync of this folder started (null: never finished one). */
  readonly syncedAt: string | null;
}

/**
 * The engine's persisted state. Every write here happens after the Exchange/CRM writes
 * it describes, so a crash leaves at most work to redo, never work forgotten.
 */
export interface SyncStateStore {
  findPairByCrmId(accountId: string, dataType: SyncDataType, crmId: string): Promise<SyncPair | null>;
  findPairByItemId(accountId: string, itemId: string): Promise<SyncPair | null>;
  savePair(pair: SyncPair): Promise<void>;
  deletePair(accountId: string, dataType: SyncDataType, crmId: string): Promise<void>;
  countPairs(accountId: string): Promise<number>;
  /** CRM ids whose Exchange create was started but never confirmed (item id still null). */
  listUnfinishedPairs(accountId: string, dataType: SyncDataType): Promise<string[]>;
  /** Pairs of a folder written at or after `since` (their items must show up as changes). */
  listPairsSyncedSince(accountId: string, folderId: string, since: string): Promise<SyncPair[]>;

  getFolderState(accountId: string, folderId: string): Promise<FolderSyncState | null>;
  saveFolderState(state: FolderSyncState): Promise<void>;
  deleteFolderState(accountId: string, folderId: string): Promise<void>;

  /** Per rule × mailbox, because each mailbox reads the shared journal at its own pace. */
  getJournalCursor(accountId: string, ruleId: string): Promise<number | null>;
  saveJournalCursor(accountId: string, ruleId: string, seq: number): Promise<void>;

  /** CRM records whose write to Exchange failed at item level; retried on the next run. */
  listPending(accountId: string, ruleId: string): Promise<string[]>;
  addPending(accountId: string, ruleId: string, crmId: string): Promise<void>;
  removePending(accountId: string, ruleId: string, crmId: string): Promise<void>;
}

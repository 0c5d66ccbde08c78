import type { SyncDataType, SyncRule } from '../../../shared/admin/sync-rule.schema';
import type { BatchSettings } from '../../../shared/admin/batch-settings.schema';
import { batchSettingsInputSchema } from '../../../shared/admin/batch-settings.schema';
import type { FolderSyncState, SyncPair, SyncStateStore } from '../../../server/src/sync/sync-state.port';
import type { RunCounts, SyncLogEntry, SyncLogStore } from '../../../server/src/sync/sync-log.port';
import type { AccountForSync, MailboxStatus, MailboxStatusStore, SyncConfigPort } from '../../../server/src/sync/sync-config.port';

export class MemoryStateStore implements SyncStateStore {
  readonly pairs = new Map<string, SyncPair>();
  readonly folderStates = new Map<string, FolderSyncState>();
  readonly cursors = new Map<string, number>();
  readonly pending = new Map<string, Set<string>>();

  private key(accountId: string, dataType: SyncDataType, crmId: string): string {
    return `${accountId}|${dataType}|${crmId}`;
  }

  async findPairByCrmId(accountId: string, dataType: SyncDataType, crmId: string): Promise<SyncPair | null> {
    return this.pairs.get(this.key(accountId, dataType, crmId)) ?? null;
  }
  async findPairByItemId(accountId: string, itemId: string): Promise<SyncPair | null> {
    return [...this.pairs.values()].find((pair) => pair.accountId === accountId && pair.itemId === itemId) ?? null;
  }
  async savePair(pair: SyncPair): Promise<void> {
    this.pairs.set(this.key(pair.accountId, pair.dataType, pair.crmId), pair);
  }
  async deletePair(accountId: string, dataType: SyncDataType, crmId: string): Promise<void> {
    this.pairs.delete(this.key(accountId, dataType, crmId));
  }
  async countPairs(accountId: string): Promise<number> {
    return [...this.pairs.values()].filter((pair) => pair.accountId === accountId).length;
  }
  async listUnfinishedPairs(accountId: string, dataType: SyncDataType): Promise<string[]> {
    return [...this.pairs.values()].filter((pair) => pair.accountId === accountId && pair.dataType === dataType && pair.itemId === null).map((pair) => pair.crmId);
  }
  async listPairsSyncedSince(accountId: string, folderId: string, since: string): Promise<SyncPair[]> {
    return [...this.pairs.values()].filter((pair) => pair.accountId === accountId && pair.folderId === folderId && pair.syncedAt >= since && pair.itemId !== null);
  }
  async getFolderState(accountId: string, folderId: string): Promise<FolderSyncState | null> {
    return this.folderStates.get(`${accountId}|${folderId}`) ?? null;
  }
  async saveFolderState(state: FolderSyncState): Promise<void> {
    this.folderStates.set(`${state.accountId}|${state.folderId}`, state);
  }
  async deleteFolderState(accountId: string, folderId: string): Promise<void> {
    this.folderStates.delete(`${accountId}|${folderId}`);
  }
  async getJournalCursor(accountId: string, ruleId: string): Promise<number | null> {
    return this.cursors.get(`${accountId}|${ruleId}`) ?? null;
  }
  async saveJournalCursor(accountId: string, ruleId: string, seq: number): Promise<void> {
    this.cursors.set(`${accountId}|${ruleId}`, seq);
  }
  async listPending(accountId: string, ruleId: string): Promise<string[]> {
    return [...(this.pending.get(`${accountId}|${ruleId}`) ?? [])];
  }
  async addPending(accountId: string, ruleId: string, crmId: string): Promise<void> {
    const key = `${accountId}|${ruleId}`;
    this.pending.set(key, new Set([...(this.pending.get(key) ?? []), crmId]));
  }
  async removePending(accountId: string, ruleId: string, crmId: string): Promise<void> {
    this.pending.get(`${accountId}|${ruleId}`)?.delete(crmId);
  }
}

export class MemoryLogStore implements SyncLogStore {
  readonly entries: SyncLogEntry[] = [];
  readonly runs = new Map<string, { accountId: string; startedAt: string; finishedAt?: string; counts?: RunCounts; error?: string | null }>();

  async startRun(accountId: string, startedAt: string): Promise<string> {
    const id = `run-${this.runs.size + 1}`;
    this.runs.set(id, { accountId, startedAt });
    return id;
  }
  async append(entries: readonly SyncLogEntry[]): Promise<void> {
    this.entries.push(...entries);
  }
  async finishRun(runId: string, finishedAt: string, counts: RunCounts, error: string | null): Promise<void> {
    const run = this.runs.get(runId);
    if (run) this.runs.set(runId, { ...run, finishedAt, counts: { ...counts }, error });
  }
  async purgeBefore(before: string): Promise<number> {
    const old = [...this.runs].filter(([, run]) => run.startedAt < before).map(([id]) => id);
    for (const id of old) this.runs.delete(id);
    return old.length;
  }
}

export class MemoryStatusStore implements MailboxStatusStore {
  readonly statuses = new Map<string, MailboxStatus>();
  async getStatus(accountId: string): Promise<MailboxStatus | null> {
    return this.statuses.get(accountId) ?? null;
  }
  async saveStatus(status: MailboxStatus): Promise<void> {
    this.statuses.set(status.accountId, status);
  }
}

export class MemoryConfig implements SyncConfigPort {
  readonly accounts = new Map<string, AccountForSync & { deactivatedReason?: string }>();
  rules: SyncRule[] = [];
  settings: BatchSettings = batchSettingsInputSchema.parse({});

  async listActiveAccountIds(): Promise<string[]> {
    return [...this.accounts.values()].filter((account) => account.active).map((account) => account.id);
  }
  async getAccountForSync(accountId: string): Promise<AccountForSync | null> {
    return this.accounts.get(accountId) ?? null;
  }
  async listRules(): Promise<SyncRule[]> {
    return this.rules;
  }
  async getBatchSettings(): Promise<BatchSettings> {
    return this.settings;
  }
  async deactivateAccount(accountId: string, reason: string): Promise<void> {
    const account = this.accounts.get(accountId);
    if (account) this.accounts.set(accountId, { ...account, active: false, deactivatedReason: reason });
  }
}

import type { SyncDataType } from '../../../shared/admin/sync-rule.schema';
import type { MergeLogEntry, SyncSide } from './merge.types';
import { emptyCounts, type RunCounts, type SyncLogAction, type SyncLogEntry, type SyncLogStore } from './sync-log.port';

/** Collects one mailbox run's log lines and counts, and writes them out page by page. */
export class RunRecorder {
  readonly counts: RunCounts = emptyCounts();
  /** CRM records whose Exchange write failed in this run; they stay queued for the next one. */
  readonly failedCrmIds = new Set<string>();
  private buffer: SyncLogEntry[] = [];

  constructor(
    private readonly log: SyncLogStore,
    readonly runId: string,
    readonly accountId: string,
    private readonly now: () => Date,
  ) {}

  record(side: SyncSide | 'none', action: SyncLogAction, dataType: SyncDataType | null, ids: { crmId?: string | null; itemId?: string | null }, detail: Record<string, unknown> = {}): void {
    if (action === 'create') this.counts.created += 1;
    if (action === 'change') this.counts.changed += 1;
    if (action === 'delete') this.counts.deleted += 1;
    if (action === 'conflict') this.counts.conflicts += 1;
    if (action === 'failed') this.counts.failed += 1;
    this.buffer.push({
      runId: this.runId,
      accountId: this.accountId,
      at: this.now().toISOString(),
      side,
      action,
      dataType,
      crmId: ids.crmId ?? null,
      itemId: ids.itemId ?? null,
      detail,
    });
  }

  recordMerge(entries: readonly MergeLogEntry[], dataType: SyncDataType, ids: { crmId: string | null; itemId: string | null }): void {
    for (const entry of entries) {
      if (entry.type === 'conflict') this.record(entry.winner, 'conflict', dataType, ids, { fields: entry.fields, loserValues: entry.loserValues });
      if (entry.type === 'skipped') this.record(entry.target, 'skipped', dataType, ids, { operation: entry.operation, reason: entry.reason });
      if (entry.type === 'unpaired') this.record('none', 'unpaired', dataType, ids, { reason: entry.reason });
    }
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const entries = this.buffer;
    this.buffer = [];
    await this.log.append(entries);
  }
}

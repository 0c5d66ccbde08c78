import type { SyncDataType } from '../../../shared/admin/sync-rule.schema';

export type SyncLogAction = 'create' | 'change' | 'delete' | 'conflict' | 'skipped' | 'unpaired' | 'failed' | 'reset';

/** One line of the B9 sync log: what happened where, never a body or a secret. */
export interface SyncLogEntry {
  readonly runId: string;
  readonly accountId: string;
  readonly at: string;
  readonly side: 'crm' | 'exchange' | 'none';
  readonly action: SyncLogAction;
  readonly dataType: SyncDataType | null;
  readonly crmId: string | null;
  readonly itemId: string | null;
  /** Field names, loser values of a conflict, or the error code of a failed call. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface RunCounts {
  created: number;
  changed: number;
  deleted: number;
  conflicts: number;
  failed: number;
}

export function emptyCounts(): RunCounts {
  return { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 };
}

export interface SyncLogStore {
  startRun(accountId: string, startedAt: string): Promise<string>;
  append(entries: readonly SyncLogEntry[]): Promise<void>;
  finishRun(runId: string, finishedAt: string, counts: RunCounts, error: string | null): Promise<void>;
  /** B9 retention: removes runs and entries older than `before`. */
  purgeBefore(before: string): Promise<number>;
}

import type { AuthFailurePolicy } from '../../../shared/admin/auth-failure-policy.schema';
import type { BatchSettings } from '../../../shared/admin/batch-settings.schema';
import type { SyncRule } from '../../../shared/admin/sync-rule.schema';
import type { ExchangeConnection } from '../exchange/exchange-gateway';
import type { RunCounts } from './sync-log.port';
import type { SyncAccount } from './rule-sync.context';

/** An account as the engine needs it, with its server's (or its own) credentials opened. */
export interface AccountForSync extends SyncAccount {
  readonly active: boolean;
  readonly serverId: string;
  readonly authFailurePolicy: AuthFailurePolicy | null;
  readonly connection: ExchangeConnection;
}

/** The engine's read access to the admin configuration, plus the one write it needs. */
export interface SyncConfigPort {
  listActiveAccountIds(): Promise<string[]>;
  getAccountForSync(accountId: string): Promise<AccountForSync | null>;
  listRules(): Promise<SyncRule[]>;
  getBatchSettings(): Promise<BatchSettings>;
  /** B8/B9: the engine switches an account off (401 policy, impersonation denied) and says why. */
  deactivateAccount(accountId: string, reason: string): Promise<void>;
}

/** B9 status wall: one row per mailbox. */
export interface MailboxStatus {
  readonly accountId: string;
  readonly lastRunAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorKind: string | null;
  readonly nextAttemptAt: string | null;
  readonly authFailures: number;
  readonly consecutiveFailures: number;
  readonly alert: boolean;
  readonly counts: RunCounts;
}

export interface MailboxStatusStore {
  getStatus(accountId: string): Promise<MailboxStatus | null>;
  saveStatus(status: MailboxStatus): Promise<void>;
}

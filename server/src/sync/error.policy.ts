import type { AuthFailurePolicy } from '../../../shared/admin/auth-failure-policy.schema';
import { isExchangeError, type ExchangeErrorKind } from '../exchange/exchange-error';

/** Where a failure happened: a whole mailbox run, or one folder's sync. */
export type FailureScope = { readonly level: 'mailbox' } | { readonly level: 'folder'; readonly folderId: string };

/** What the account's persisted state says about earlier failures. */
export interface FailureHistory {
  /** Consecutive 401s before this failure. */
  readonly authFailures: number;
  /** Consecutive failures of other kinds before this one (throttling does not count). */
  readonly consecutiveFailures: number;
}

/** Tunables, injected so tests can fail fast and stay deterministic. */
export interface ErrorPolicyOptions {
  readonly now: Date;
  /** 0 ≤ random() < 1; spreads retries of many mailboxes that failed together. */
  readonly random: () => number;
  readonly baseRetryMs: number;
  readonly maxRetryMs: number;
  /** Used when the server throttles without saying for how long. */
  readonly defaultBackOffMs: number;
}

export const defaultErrorPolicyTimings = { baseRetryMs: 60_000, maxRetryMs: 3_600_000, defaultBackOffMs: 60_000 } as const;

export type SyncTransition =
  /** Try the mailbox again at `at`; `alert` when an admin should look even though it retries. */
  | { readonly type: 'retry-later'; readonly at: Date; readonly consecutiveFailures: number; readonly alert: boolean }
  /** The server asked us to slow down: wait, count nothing against the account. */
  | { readonly type: 'back-off'; readonly until: Date }
  /** B8 delayed mode: another attempt after a growing wait. */
  | { readonly type: 'auth-retry'; readonly at: Date; readonly authFailures: number }
  | { readonly type: 'deactivate'; readonly reason: string; readonly alert: true }
  /** The folder's sync state is unusable: forget it and resync the folder (pairs prevent duplicates). */
  | { readonly type: 'reset-folder'; readonly folderId: string }
  /** The folder no longer exists: stop syncing it, keep the CRM records, tell an admin. */
  | { readonly type: 'forget-folder'; readonly folderId: string; readonly alert: true };

function kindOf(error: unknown): ExchangeErrorKind {
  return isExchangeError(error) ? error.kind : 'unknown';
}

function retryLater(history: FailureHistory, options: ErrorPolicyOptions, alert: boolean): SyncTransition {
  const failures = history.consecutiveFailures + 1;
  const exponential = Math.min(options.maxRetryMs, options.baseRetryMs * 2 ** (failures - 1));
  // ±20 % jitter so mailboxes that failed in the same outage do not return in lockstep.
  const jittered = exponential * (0.8 + 0.4 * options.random());
  return { type: 'retry-later', at: new Date(options.now.getTime() + Math.round(jittered)), consecutiveFailures: failures, alert };
}

function decideAuthFailure(policy: AuthFailurePolicy, history: FailureHistory, now: Date): SyncTransition {
  if (policy.mode === 'immediate') {
    return { type: 'deactivate', reason: 'Exchange refused the credentials (401); the 401 policy deactivates immediately', alert: true };
  }
  const failures = history.authFailures + 1;
  if (failures >= policy.maxAttempts) {
    return { type: 'deactivate', reason: `Exchange refused the credentials (401) ${failures} times in a row`, alert: true };
  }
  const waitMinutes = policy.firstDelayMinutes * 2 ** (failures - 1);
  return { type: 'auth-retry', at: new Date(now.getTime() + waitMinutes * 60_000), authFailures: failures };
}

/**
 * The one place that turns an Exchange failure into a state transition (ARCHITECTURE
 * principle 5). Throttling never deactivates (B8); errors an admin must fix (consent,
 * impersonation, EWS switched off by policy) deactivate at once instead of hammering.
 */
export function decideTransition(
  error: unknown,
  scope: FailureScope,
  history: FailureHistory,
  authPolicy: AuthFailurePolicy,
  options: ErrorPolicyOptions,
): SyncTransition {
  const kind = kindOf(error);
  switch (kind) {
    case 'throttled': {
      const hint = isExchangeError(error) ? error.retryAfterMs : undefined;
      const waitMs = hint !== undefined && hint > 0 ? hint : options.defaultBackOffMs;
      return { type: 'back-off', until: new Date(options.now.getTime() + waitMs) };
    }
    case 'auth-failed':
      return decideAuthFailure(authPolicy, history, options.now);
    case 'impersonation-denied':
      return { type: 'deactivate', reason: 'The service account may not act for this mailbox (impersonation denied)', alert: true };
    case 'ews-disabled':
      return { type: 'deactivate', reason: 'EWS is switched off for this application or mailbox by an Exchange policy', alert: true };
    case 'forbidden':
      return { type: 'deactivate', reason: 'Exchange denied access to this mailbox (403)', alert: true };
    case 'sync-state-invalid':
      return scope.level === 'folder' ? { type: 'reset-folder', folderId: scope.folderId } : retryLater(history, options, false);
    case 'not-found':
      return scope.level === 'folder' ? { type: 'forget-folder', folderId: scope.folderId, alert: true } : retryLater(history, options, true);
    case 'invalid-request':
      return retryLater(history, options, true);
    case 'temporary':
    case 'conflict':
    case 'unknown':
      return retryLater(history, options, false);
  }
}

import type { MailboxStatusView } from '../api/admin-api';

export type MailboxState = 'ok' | 'failing' | 'waiting' | 'inactive' | 'never';

/** One word for a wall row: inactive beats everything, a pending retry means "waiting". */
export function classifyMailbox(row: MailboxStatusView, now: number): MailboxState {
  if (!row.active) return 'inactive';
  if (row.lastError && row.nextAttemptAt && Date.parse(row.nextAttemptAt) > now) return 'waiting';
  if (row.lastError) return 'failing';
  if (!row.lastSuccessAt) return 'never';
  return 'ok';
}

/** Whole minutes until the next attempt, at least 0 — what "waits 5 minutes" is checked against. */
export function minutesUntil(iso: string, now: number): number {
  return Math.max(0, Math.round((Date.parse(iso) - now) / 60_000));
}

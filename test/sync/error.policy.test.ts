import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../server/src/exchange/exchange-error';
import { decideTransition, type ErrorPolicyOptions, type FailureHistory } from '../../server/src/sync/error.policy';
import type { AuthFailurePolicy } from '../../shared/admin/auth-failure-policy.schema';

const now = new Date('2026-11-25T10:00:00Z');
const options: ErrorPolicyOptions = { now, random: () => 0.5, baseRetryMs: 60_000, maxRetryMs: 3_600_000, defaultBackOffMs: 30_000 };
const delayed: AuthFailurePolicy = { mode: 'delayed', firstDelayMinutes: 5, maxAttempts: 4 };
const clean: FailureHistory = { authFailures: 0, consecutiveFailures: 0 };
const mailbox = { level: 'mailbox' } as const;
const minutesAfterNow = (date: Date): number => (date.getTime() - now.getTime()) / 60_000;

describe('error policy', () => {
  it('waits 5, 10 and 20 minutes after consecutive 401s and deactivates at the fourth (delayed policy)', () => {
    const waits: number[] = [];
    let history = clean;
    for (;;) {
      const transition = decideTransition(new ExchangeError('auth-failed', '401'), mailbox, history, delayed, options);
      if (transition.type !== 'auth-retry') {
        expect(transition.type).toBe('deactivate');
        break;
      }
      waits.push(minutesAfterNow(transition.at));
      history = { ...history, authFailures: transition.authFailures };
    }
    expect(waits).toEqual([5, 10, 20]);
  });

  it('deactivates at the first 401 under the immediate policy', () => {
    const transition = decideTransition(new ExchangeError('auth-failed', '401'), mailbox, clean, { mode: 'immediate' }, options);
    expect(transition).toMatchObject({ type: 'deactivate', alert: true });
  });

  it('honours the server back-off hint and never deactivates, however often it throttles', () => {
    const history: FailureHistory = { authFailures: 3, consecutiveFailures: 50 };
    const transition = decideTransition(new ExchangeError('throttled', 'busy', { retryAfterMs: 12_345 }), mailbox, history, delayed, options);
    expect(transition).toEqual({ type: 'back-off', until: new Date(now.getTime() + 12_345) });
  });

  it('backs off by the configured default when throttled without a hint', () => {
    const transition = decideTransition(new ExchangeError('throttled', 'busy'), mailbox, clean, delayed, options);
    expect(transition).toEqual({ type: 'back-off', until: new Date(now.getTime() + 30_000) });
  });

  it('deactivates and alerts when impersonation is denied', () => {
    const transition = decideTransition(new ExchangeError('impersonation-denied', 'no'), mailbox, clean, delayed, options);
    expect(transition).toMatchObject({ type: 'deactivate', alert: true });
  });

  it('resets only the affected folder when its sync state is invalid', () => {
    const transition = decideTransition(new ExchangeError('sync-state-invalid', 'bad'), { level: 'folder', folderId: 'F1' }, clean, delayed, options);
    expect(transition).toEqual({ type: 'reset-folder', folderId: 'F1' });
  });

  it('forgets a folder that no longer exists and alerts', () => {
    const transition = decideTransition(new ExchangeError('not-found', 'gone'), { level: 'folder', folderId: 'F1' }, clean, delayed, options);
    expect(transition).toEqual({ type: 'forget-folder', folderId: 'F1', alert: true });
  });

  it('retries temporary failures with exponential delays capped at the maximum', () => {
    const at = (failures: number): number => {
      const transition = decideTransition(new ExchangeError('temporary', 'timeout'), mailbox, { authFailures: 0, consecutiveFailures: failures }, delayed, options);
      if (transition.type !== 'retry-later') throw new Error(`unexpected ${transition.type}`);
      return minutesAfterNow(transition.at);
    };
    expect([at(0), at(1), at(2), at(10)]).toEqual([1, 2, 4, 60]);
  });

  it('spreads retries by up to 20 percent either way', () => {
    const early = decideTransition(new Error('boom'), mailbox, clean, delayed, { ...options, random: () => 0 });
    const late = decideTransition(new Error('boom'), mailbox, clean, delayed, { ...options, random: () => 0.999999 });
    if (early.type !== 'retry-later' || late.type !== 'retry-later') throw new Error('expected retries');
    expect(minutesAfterNow(early.at)).toBeCloseTo(0.8, 5);
    expect(minutesAfterNow(late.at)).toBeCloseTo(1.2, 4);
  });

  it('treats errors from outside the Exchange vocabulary as unknown and retries them', () => {
    const transition = decideTransition(new TypeError('bug'), mailbox, clean, delayed, options);
    expect(transition).toMatchObject({ type: 'retry-later', consecutiveFailures: 1, alert: false });
  });

  it('retries a request Exchange calls invalid but raises an alert', () => {
    const transition = decideTransition(new ExchangeError('invalid-request', 'bad version'), mailbox, clean, delayed, options);
    expect(transition).toMatchObject({ type: 'retry-later', alert: true });
  });

  it('deactivates when EWS is disabled by policy', () => {
    const transition = decideTransition(new ExchangeError('ews-disabled', 'policy', { httpStatus: 403 }), mailbox, clean, delayed, options);
    expect(transition).toMatchObject({ type: 'deactivate', alert: true });
  });
});

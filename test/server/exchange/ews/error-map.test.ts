import { describe, expect, it } from 'vitest';
import { errorFromHttpStatus, errorFromNetworkFailure, errorFromResponseCode, parseRetryAfter } from '../../../../server/src/exchange/ews/error-map';

describe('EWS error table', () => {
  it.each([
    ['ErrorServerBusy', 'throttled'],
    ['ErrorExceededConnectionCount', 'throttled'],
    ['ErrorImpersonateUserDenied', 'impersonation-denied'],
    ['ErrorImpersonationDenied', 'impersonation-denied'],
    ['ErrorNonExistentMailbox', 'impersonation-denied'],
    ['ErrorInvalidSyncStateData', 'sync-state-invalid'],
    ['ErrorItemNotFound', 'not-found'],
    ['ErrorSyncFolderNotFound', 'not-found'],
    ['ErrorFolderNotFound', 'not-found'],
    ['ErrorIrresolvableConflict', 'conflict'],
    ['ErrorSchemaValidation', 'invalid-request'],
    ['ErrorInvalidServerVersion', 'invalid-request'],
    ['ErrorSomethingNew', 'unknown'],
  ])('maps response code %s to %s and keeps the code', (code, kind) => {
    const error = errorFromResponseCode(code, { message: 'text from server' });
    expect(error).toMatchObject({ kind, code });
    expect(error.message).toContain('text from server');
  });

  it('keeps a back-off hint only for throttling codes', () => {
    expect(errorFromResponseCode('ErrorServerBusy', { backOffMs: 5000 }).retryAfterMs).toBe(5000);
    expect(errorFromResponseCode('ErrorItemNotFound', { backOffMs: 5000 }).retryAfterMs).toBeUndefined();
  });

  it.each([
    [401, {}, 'auth-failed'],
    [403, { 'x-ews-policy-reason': 'AppNotAllowed' }, 'ews-disabled'],
    [403, {}, 'forbidden'],
    [404, {}, 'not-found'],
    [429, { 'retry-after': '30' }, 'throttled'],
    [503, { 'retry-after': '7' }, 'throttled'],
    [503, {}, 'temporary'],
    [500, {}, 'temporary'],
    [302, {}, 'unknown'],
  ] as const)('maps HTTP %i with headers %o to %s', (status, headers, kind) => {
    expect(errorFromHttpStatus({ status, headers })).toMatchObject({ kind, httpStatus: status, code: `HTTP ${status}` });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(errorFromHttpStatus({ status: 429, headers: { 'retry-after': '30' } }).retryAfterMs).toBe(30_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it.each([
    ['ENOTFOUND', 'temporary'],
    ['ECONNRESET', 'temporary'],
    ['ETIMEDOUT', 'temporary'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'unknown'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknown'],
  ])('maps network failure %s to %s and keeps the code and cause', (code, kind) => {
    const cause = Object.assign(new Error('boom'), { code });
    expect(errorFromNetworkFailure(cause)).toMatchObject({ kind, code, cause });
  });
});

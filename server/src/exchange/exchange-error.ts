/**
 * The closed error vocabulary at the Exchange adapter edge (EWS and Graph alike).
 * Adapters map SOAP response codes and HTTP statuses onto these kinds with a pure
 * table; the sync engine's error policy decides transitions from the kind alone.
 */
export const exchangeErrorKinds = [
  /** Network failure, timeout, HTTP 5xx, ErrorInternalServerTransientError: retry later. */
  'temporary',
  /** ErrorServerBusy, ErrorExceededConnectionCount, HTTP 429/503 with a hint: wait `retryAfterMs`. */
  'throttled',
  /** HTTP 401, bad credentials, expired or refused token. */
  'auth-failed',
  /** HTTP 403 or ErrorAccessDenied without a more specific reason. */
  'forbidden',
  /** ErrorImpersonateUserDenied, ErrorImpersonationDenied, ErrorNonExistentMailbox for the acted-as mailbox. */
  'impersonation-denied',
  /** HTTP 403 with X-EWS-Policy-Reason, or EWS disabled for the app/mailbox by policy. */
  'ews-disabled',
  /** ErrorItemNotFound, ErrorFolderNotFound, ErrorSyncFolderNotFound, HTTP 404. */
  'not-found',
  /** ErrorInvalidSyncStateData, Graph 410 Gone / syncStateNotFound: reset the cursor and resync. */
  'sync-state-invalid',
  /** ErrorIrresolvableConflict, stale ChangeKey, HTTP 412. */
  'conflict',
  /** The request itself is wrong (schema, version, argument): retrying will not help. */
  'invalid-request',
  'unknown',
] as const;
export type ExchangeErrorKind = (typeof exchangeErrorKinds)[number];

export interface ExchangeErrorDetails {
  /** Original response code (`ErrorServerBusy`) or `HTTP 503`, for logs and the status wall. */
  readonly code?: string;
  readonly httpStatus?: number;
  /** Server's back-off hint (BackOffMilliseconds, Retry-After). */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class ExchangeError extends Error {
  override readonly name = 'ExchangeError';
  readonly code?: string;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: ExchangeErrorKind,
    message: string,
    details: ExchangeErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isExchangeError(err: unknown, kind?: ExchangeErrorKind): err is ExchangeError {
  return err instanceof ExchangeError && (kind === undefined || err.kind === kind);
}

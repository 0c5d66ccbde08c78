import { ExchangeError, type ExchangeErrorKind } from '../exchange-error';

/**
 * The pure table from EWS `ResponseCode`s to our closed vocabulary (principle 4).
 * Codes not listed map to `unknown`; the original code is always kept on the error.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsecode
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 */
const RESPONSE_CODE_KINDS: Readonly<Record<string, ExchangeErrorKind>> = {
  ErrorServerBusy: 'throttled',
  ErrorExceededConnectionCount: 'throttled',
  ErrorTooManyObjectsOpened: 'throttled',
  ErrorImpersonateUserDenied: 'impersonation-denied',
  ErrorImpersonationDenied: 'impersonation-denied',
  ErrorNonExistentMailbox: 'impersonation-denied',
  ErrorInvalidSyncStateData: 'sync-state-invalid',
  ErrorItemNotFound: 'not-found',
  ErrorSyncFolderNotFound: 'not-found',
  ErrorFolderNotFound: 'not-found',
  ErrorIrresolvableConflict: 'conflict',
  ErrorSchemaValidation: 'invalid-request',
  ErrorInvalidServerVersion: 'invalid-request',
  ErrorInvalidRequest: 'invalid-request',
  ErrorInvalidIdMalformed: 'invalid-request',
  ErrorAccessDenied: 'forbidden',
  ErrorInternalServerTransientError: 'temporary',
  ErrorMailboxStoreUnavailable: 'temporary',
  ErrorMailboxMoveInProgress: 'temporary',
  ErrorTimeoutExpired: 'temporary',
};

export interface ResponseCodeContext {
  readonly message?: string;
  readonly httpStatus?: number;
  /** `BackOffMilliseconds` from `MessageXml`, when the server gave one. */
  readonly backOffMs?: number;
}

export function kindOfResponseCode(code: string): ExchangeErrorKind {
  return RESPONSE_CODE_KINDS[code] ?? 'unknown';
}

export function errorFromResponseCode(code: string, context: ResponseCodeContext = {}): ExchangeError {
  const kind = kindOfResponseCode(code);
  const text = context.message?.trim();
  return new ExchangeError(kind, text ? `${code}: ${text}` : code, {
    code,
    httpStatus: context.httpStatus,
    retryAfterMs: kind === 'throttled' ? context.backOffMs : undefined,
  });
}

export interface HttpFailure {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/**
 * Maps an HTTP status that carried no readable SOAP fault. 403 with
 * `X-EWS-Policy-Reason` is Exchange Online's "EWS blocked for this app/tenant" answer.
 * https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/deprecation-of-ews-exchange-online
 */
export function errorFromHttpStatus({ status, headers }: HttpFailure): ExchangeError {
  const code = `HTTP ${status}`;
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  if (status === 401) return new ExchangeError('auth-failed', 'The server refused the credentials (HTTP 401)', { code, httpStatus: status });
  if (status === 403) {
    const reason = headers['x-ews-policy-reason'];
    if (reason !== undefined) {
      return new ExchangeError('ews-disabled', `EWS is disabled by policy (HTTP 403, X-EWS-Policy-Reason: ${reason})`, { code, httpStatus: status });
    }
    return new ExchangeError('forbidden', 'The server refused access (HTTP 403)', { code, httpStatus: status });
  }
  if (status === 404) return new ExchangeError('not-found', 'No EWS endpoint at this URL (HTTP 404)', { code, httpStatus: status });
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    return new ExchangeError('throttled', `The server asks to slow down (HTTP ${status})`, { code, httpStatus: status, retryAfterMs });
  }
  if (status >= 500) return new ExchangeError('temporary', `The server failed (HTTP ${status})`, { code, httpStatus: status, retryAfterMs });
  return new ExchangeError('unknown', `Unexpected HTTP status ${status}`, { code, httpStatus: status });
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const TEMPORARY_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED']);

/** Maps a failure below HTTP (DNS, TLS, socket) to the vocabulary; `code` keeps Node's error code. */
export function errorFromNetworkFailure(err: unknown): ExchangeError {
  if (err instanceof ExchangeError) return err;
  const code = readErrorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOTFOUND') return new ExchangeError('temporary', `Host name not found (${message})`, { code, cause: err });
  if (code !== undefined && isTlsErrorCode(code)) {
    // Not retryable and not an access decision: a configuration problem the admin must fix (CA, host name).
    return new ExchangeError('unknown', `TLS certificate not trusted (${code})`, { code, cause: err });
  }
  if (code !== undefined && TEMPORARY_NETWORK_CODES.has(code)) {
    return new ExchangeError('temporary', `Network failure (${code})`, { code, cause: err });
  }
  return new ExchangeError('temporary', `Network failure: ${message}`, { code, cause: err });
}

export function readErrorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function isTlsErrorCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)
  );
}

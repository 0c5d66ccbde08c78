import type { ApiError, FieldError } from '../../../../shared/api-error';
import { ApiCallError, classifyStatus } from '../../api/api-error';

/** An API failure that may carry the server's per-field messages (400 validation_failed). */
export class AdminApiError extends ApiCallError {
  constructor(
    kind: ApiCallError['kind'],
    message: string,
    status: number | undefined,
    code: ApiCallError['code'],
    readonly fields: readonly FieldError[] = [],
  ) {
    super(kind, message, status, code);
    this.name = 'AdminApiError';
  }
}

export interface AdminHttpOptions {
  /** Origin of the backend; empty for same origin (the console is served by the backend). */
  readonly baseUrl: string;
  readonly getToken: () => Promise<string>;
  readonly fetch?: typeof fetch;
}

export type AdminRequest = <T>(method: string, path: string, body?: unknown) => Promise<T>;

async function readError(response: Response): Promise<AdminApiError> {
  const kind = classifyStatus(response.status);
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (body.error) return new AdminApiError(kind, body.error.message, response.status, body.error.code, body.error.fields ?? []);
  } catch {
    // A proxy's HTML error page has no JSON body; the status alone still classifies it.
  }
  return new AdminApiError(kind, `HTTP ${response.status}`, response.status, undefined);
}

/** One authenticated JSON call under `/api`; the token travels only in the header. */
export function createAdminRequest(options: AdminHttpOptions): AdminRequest {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = await options.getToken();
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new AdminApiError('offline', 'The Tandem server cannot be reached', undefined, undefined);
    }
    if (!response.ok) throw await readError(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

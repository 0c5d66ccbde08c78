import type { ApiErrorCode, FieldError } from '../../../shared/api-error';

const statusOf: Record<ApiErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

/** An error meant for the client: its message is shown as is, so it never carries secrets. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const notFound = (what: string): HttpError => new HttpError('not_found', `${what} not found`);
export const forbidden = (why = 'You do not have access to this resource'): HttpError => new HttpError('forbidden', why);

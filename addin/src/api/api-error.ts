import type { ApiErrorCode } from '../../../shared/api-error';

/** Why a backend call failed, in terms the pane can turn into a message. */
export type ApiFailureKind = 'offline' | 'unauthorized' | 'forbidden' | 'not-found' | 'invalid' | 'server';

export class ApiCallError extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    message: string,
    readonly status?: number,
    readonly code?: ApiErrorCode,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export function classifyStatus(status: number): ApiFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 400 || status === 409 || status === 413 || status === 422) return 'invalid';
  return 'server';
}

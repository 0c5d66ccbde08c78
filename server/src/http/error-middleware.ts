// Brings pino-http's augmentation of Request (req.log, req.id) into scope.
import type {} from 'pino-http';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { ApiError, FieldError } from '../../../shared/api-error';
import { HttpError } from './http-error';

/** Errors thrown by express' body parser carry a `type` and a `status`. */
interface BodyParserError {
  readonly type: string;
  readonly status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err;
}

export function zodFieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Maps anything thrown to the one JSON error shape; unknown errors are logged, never echoed. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) return new HttpError('validation_failed', 'The request is invalid', zodFieldErrors(err));
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') return new HttpError('payload_too_large', 'The request body is too large');
    if (err.type === 'entity.parse.failed') {
      return new HttpError('bad_request', 'The request body is not valid JSON', [{ path: '', message: 'Malformed JSON' }]);
    }
    if (err.status >= 400 && err.status < 500) return new HttpError('bad_request', 'The request body could not be read');
  }
  return new HttpError('internal', 'Internal server error');
}

export const errorMiddleware: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const httpError = toHttpError(err);
  if (httpError.status >= 500) {
    // pino-http attaches req.log; fall back silently when it is absent (unit tests).
    req.log?.error({ err }, 'request failed');
  }
  const requestId = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : undefined;
  const body: ApiError = {
    error: {
      code: httpError.code,
      message: httpError.message,
      ...(httpError.fields ? { fields: httpError.fields } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
  res.status(httpError.status).json(body);
};

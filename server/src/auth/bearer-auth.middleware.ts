import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../http/http-error';
import { setPrincipal } from './principal';
import { KeysUnavailableError, TokenRejectedError, type VerifyToken } from './token-verifier';

// RFC 6750 §2.1 (b64token) narrowed to a compact JWS: three base64url parts. Scheme is case-insensitive (RFC 7235).
const BEARER_JWT = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

function refuse(res: Response, challenge: string, message: string): HttpError {
  res.setHeader('WWW-Authenticate', challenge);
  return new HttpError('unauthorized', message);
}

/**
 * Answers 401 (RFC 6750 challenge) or calls next with the caller's Principal set; nothing
 * passes unauthenticated. The client learns only "invalid token", never why a signature
 * failed; the reason goes to the debug log, the token itself nowhere.
 */
export function bearerAuth(verify: VerifyToken, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (!header) {
      next(refuse(res, 'Bearer realm="tandem"', 'A bearer token is required'));
      return;
    }
    const token = BEARER_JWT.exec(header)?.[1];
    if (!token) {
      next(refuse(res, 'Bearer realm="tandem", error="invalid_request"', 'The Authorization header must be "Bearer <JWT>"'));
      return;
    }
    // The request's own logger carries its request id; the app logger is the fallback outside pino-http.
    const log = req.log ?? logger;
    verify(token).then(
      (principal) => {
        setPrincipal(res, principal);
        next();
      },
      (err: unknown) => {
        if (err instanceof KeysUnavailableError) {
          log.warn({ err: err.cause ?? err }, 'token signing keys unavailable');
          next(new HttpError('unavailable', 'Sign-in cannot be checked right now; try again shortly'));
          return;
        }
        if (err instanceof TokenRejectedError) log.debug({ reason: err.reason }, 'bearer token rejected');
        else log.error({ err }, 'bearer token check failed unexpectedly');
        next(refuse(res, 'Bearer realm="tandem", error="invalid_token"', 'The bearer token is invalid or expired'));
      },
    );
  };
}

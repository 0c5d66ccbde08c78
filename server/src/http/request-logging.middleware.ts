import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

// A caller's id is echoed only when it cannot smuggle anything into logs or headers.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
// Query parameters that may carry credentials (OAuth redirects, hand-made links).
const SENSITIVE_QUERY = /token|secret|password|code|key|signature|sig$/i;
const QUIET_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

type RawRequest = IncomingMessage & { originalUrl?: string; id?: unknown };

/** The path as requested, with the values of credential-like query parameters masked. */
export function maskUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of new Set(params.keys())) {
    if (SENSITIVE_QUERY.test(name)) params.set(name, '[redacted]');
  }
  return `${url.slice(0, queryStart)}?${params.toString()}`;
}

function pathOf(req: RawRequest): string {
  const url = req.originalUrl ?? req.url ?? '';
  const queryStart = url.indexOf('?');
  return queryStart < 0 ? url : url.slice(0, queryStart);
}

/**
 * One structured line per request with a request id (taken from `X-Request-Id` when safe,
 * else generated, and sent back). Only method, masked URL and status are logged: headers
 * and bodies never are, so tokens, cookies and mail bodies cannot leak through here.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp<RawRequest, ServerResponse>({
    logger,
    wrapSerializers: false,
    genReqId: (req, res) => {
      const offered = req.headers['x-request-id'];
      const id = typeof offered === 'string' && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: RawRequest) => ({ id: req.id, method: req.method, url: maskUrl(req.originalUrl ?? req.url ?? '') }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Probes and scrapes every few seconds would drown the log.
    autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req)) },
  });
}

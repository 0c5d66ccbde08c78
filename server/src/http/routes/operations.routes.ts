import { Router } from 'express';
import type { ApiError } from '../../../../shared/api-error';
import type { Metrics } from '../../observability/metrics';

// A probe that hangs is worse than one that fails: orchestrators wait on it.
const READINESS_TIMEOUT_MS = 3_000;

export interface OperationsDeps {
  readonly metrics: Metrics;
  /** Resolves when the service can take traffic (the database answers); rejects otherwise. */
  readonly checkReady: () => Promise<void>;
}

function withTimeout(check: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness check took longer than ${ms} ms`)), ms);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/healthz` (the process answers: restart it when not), `/readyz` (it can serve: route
 * traffic to it when so) and `/metrics` for Prometheus. Unauthenticated by convention of
 * the tools that call them; they reveal no data, and `/metrics` belongs behind the firewall.
 */
export function operationsRoutes(deps: OperationsDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    withTimeout(deps.checkReady, READINESS_TIMEOUT_MS).then(
      () => res.json({ status: 'ready' }),
      (err: unknown) => {
        req.log.warn({ err }, 'readiness check failed');
        const body: ApiError = { error: { code: 'unavailable', message: 'The database does not answer' } };
        res.status(503).json(body);
      },
    );
  });
  router.get('/metrics', (_req, res, next) => {
    deps.metrics.registry.metrics().then((text) => {
      res.setHeader('Content-Type', deps.metrics.registry.contentType);
      res.send(text);
    }, next);
  });
  return router;
}

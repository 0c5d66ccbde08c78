import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type HttpLabel = 'method' | 'route' | 'status';

export interface Metrics {
  /** Other modules register their own metrics here (the sync engine: runs, items, errors, queue depth). */
  readonly registry: Registry;
  readonly httpDuration: Histogram<HttpLabel>;
}

/** One registry per app, not prom-client's global one, so several apps (tests) never collide. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram<HttpLabel>({
    name: 'tandem_http_request_duration_seconds',
    help: 'Duration of HTTP requests by route template, method and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpDuration };
}

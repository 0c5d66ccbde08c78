import type { Request, RequestHandler } from 'express';
import type { Metrics } from '../observability/metrics';

/**
 * The route template (`/api/crm/companies/:id`), never the raw path: ids in label values
 * would make one time series per record. Requests no route matched share one label.
 */
function routeLabel(req: Request): string {
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string') {
    return `${req.baseUrl}${route.path}`;
  }
  return 'unmatched';
}

export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stopTimer = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      stopTimer({ method: req.method, route: routeLabel(req), status: String(res.statusCode) });
    });
    next();
  };
}

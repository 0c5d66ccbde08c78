import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { PublicConfigBody } from '../../../shared/public-config.schema';
import { bearerAuth } from '../auth/bearer-auth.middleware';
import type { LocalIssuer } from '../auth/local-issuer';
import { localIssuerRoutes } from '../auth/local-issuer.routes';
import type { VerifyToken } from '../auth/token-verifier';
import { addinStatic } from '../http/addin-static.middleware';
import { errorMiddleware } from '../http/error-middleware';
import { HttpError } from '../http/http-error';
import { buildOpenApiDocument, type RouteGroup } from '../http/openapi';
import { requestLogging } from '../http/request-logging.middleware';
import { requestMetrics } from '../http/request-metrics.middleware';
import { mountRoutes } from '../http/route-spec';
import { operationsRoutes } from '../http/routes/operations.routes';
import { publicConfigRoutes } from '../http/routes/public-config.routes';
import { securityHeaders, type SecurityHeaderOptions } from '../http/security-headers.middleware';
import type { Metrics } from '../observability/metrics';

export interface AppDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly verifyToken: VerifyToken;
  /** Resolves when the app can serve (the database answers `select 1`). */
  readonly checkReady: () => Promise<void>;
  /** Every API area, each under its own `/api/…` prefix; all of them need a bearer token. */
  readonly routeGroups: readonly RouteGroup[];
  readonly publicConfig: PublicConfigBody;
  /** express' size syntax, e.g. `1mb`; bigger JSON bodies get 413. */
  readonly bodyLimit: string;
  readonly version: string;
  /** Present only when the development issuer is enabled. */
  readonly localIssuer?: LocalIssuer;
  /** The built add-in, served at `/` when the folder exists. */
  readonly addinDir?: string;
  readonly security?: SecurityHeaderOptions;
}

function assertApiPrefix(group: RouteGroup): void {
  if (!/^\/api\/[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(group.prefix) || group.prefix === '/api/public-config') {
    throw new Error(`Route group prefix ${group.prefix} must be a path under /api/`);
  }
}

/**
 * The HTTP surface of the backend. Order matters: headers and logging first, the
 * unauthenticated operations and issuer endpoints, then `/api` behind the bearer check,
 * the add-in's files, and the error middleware last so every failure has the one shape.
 */
export function createApp(deps: AppDeps): Express {
  deps.routeGroups.forEach(assertApiPrefix);
  const openApiDocument = buildOpenApiDocument(deps.routeGroups, deps.version);
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(deps.security));
  app.use(requestLogging(deps.logger));
  app.use(requestMetrics(deps.metrics));
  app.use(operationsRoutes({ metrics: deps.metrics, checkReady: deps.checkReady }));
  if (deps.localIssuer) app.use('/auth/local', express.json({ limit: '16kb' }), localIssuerRoutes(deps.localIssuer));

  const api = express.Router();
  api.use(publicConfigRoutes(deps.publicConfig));
  api.use(bearerAuth(deps.verifyToken, deps.logger));
  api.use(express.json({ limit: deps.bodyLimit }));
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  for (const group of deps.routeGroups) api.use(group.prefix.slice('/api'.length), mountRoutes(group.routes));
  api.use((req, _res, next) => {
    next(new HttpError('not_found', `No API route ${req.method} ${req.originalUrl.split('?')[0] ?? ''}`));
  });
  app.use('/api', api);

  const addin = addinStatic(deps.addinDir);
  if (addin) app.use(addin);
  app.use((req, _res, next) => {
    next(new HttpError('not_found', `Nothing at ${req.method} ${req.path}`));
  });
  app.use(errorMiddleware);
  return app;
}

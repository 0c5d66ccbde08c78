import express, { type Express } from 'express';
import { pino } from 'pino';
import { setPrincipal, type Role } from '../../../server/src/auth/principal';
import { errorMiddleware } from '../../../server/src/http/error-middleware';
import { mountRoutes, type RouteSpec } from '../../../server/src/http/route-spec';

/** The admin routes behind a stand-in for the auth middleware: the `x-test-role` header picks the caller's role. */
export function buildAdminApp(routes: readonly RouteSpec[]): Express {
  const app = express();
  const logger = pino({ level: 'silent' });
  app.use(express.json());
  app.use((req, res, next) => {
    Object.assign(req, { log: logger });
    const role = (req.header('x-test-role') ?? 'admin') as Role;
    setPrincipal(res, { subject: 'tester', tenantId: 't', roles: role === 'admin' ? ['user', 'admin'] : ['user'] });
    next();
  });
  app.use('/api/admin', mountRoutes(routes));
  app.use(errorMiddleware);
  return app;
}

import express, { type Express } from 'express';
import { setPrincipal, type Principal } from '../../../server/src/auth/principal';
import type { CrmStore } from '../../../server/src/crm/crm-store';
import { errorMiddleware } from '../../../server/src/http/error-middleware';
import { mountRoutes } from '../../../server/src/http/route-spec';
import { crmRoutes } from '../../../server/src/http/routes/crm.routes';
import { linkRoutes } from '../../../server/src/http/routes/links.routes';

export const adminPrincipal: Principal = { subject: 'admin-subject', tenantId: 't1', email: 'admin@tandem.test', roles: ['user', 'admin'] };

export function userPrincipal(subject: string): Principal {
  return { subject, tenantId: 't1', email: `${subject}@tandem.test`, roles: ['user'] };
}

/** The CRM and link routes as the app mounts them, with the caller picked by the `x-test-user` header. */
export function createCrmTestApp(crm: CrmStore): Express {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const who = req.header('x-test-user');
    setPrincipal(res, who ? userPrincipal(who) : adminPrincipal);
    next();
  });
  app.use('/api/crm', mountRoutes(crmRoutes({ crm })));
  app.use('/api/links', mountRoutes(linkRoutes({ crm })));
  app.use(errorMiddleware);
  return app;
}

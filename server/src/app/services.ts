import type { Logger } from 'pino';
import type { Config } from '../config';
import type { CrmStore } from '../crm/crm-store';
import type { Database } from '../db/database';
import type { RouteGroup } from '../http/openapi';
import { crmRoutes } from '../http/routes/crm.routes';
import { linkRoutes } from '../http/routes/links.routes';
import { mailFilingRoutes } from '../http/routes/mail-filing.routes';
import { createMailFilingService } from '../mail-filing/mail-filing.service';
import type { SyncRuntime } from '../jobs/sync-runtime';
import type { Metrics } from '../observability/metrics';
import type { SecretBox } from '../secrets/secret-box';

/** What every area of the backend may build on; created once at start-up. */
export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  /** Register module metrics here; `/metrics` exposes this registry. */
  readonly metrics: Metrics;
  readonly db: Database;
  /** Seals client secrets and passwords before they are stored (E3). */
  readonly secrets: SecretBox;
  /** The built-in CRM store (D1): records, links, search, suggest, change journal. */
  readonly crm: CrmStore;
  /** Sync administration and the batch process (B, C). */
  readonly sync: SyncRuntime;
}

/**
 * The API areas, each under its own `/api/…` prefix and behind the bearer check. An area
 * joins the backend by adding one entry here; the OpenAPI document follows by itself.
 */
export function buildRouteGroups(services: Services): RouteGroup[] {
  return [
    { prefix: '/api/crm', routes: crmRoutes({ crm: services.crm }) },
    { prefix: '/api/links', routes: linkRoutes({ crm: services.crm }) },
    { prefix: '/api/admin', routes: services.sync.routes },
    {
      prefix: '/api/mails',
      routes: mailFilingRoutes({ crm: services.crm, filing: createMailFilingService({ crm: services.crm, mailSource: services.sync.mailSource }) }),
    },
  ];
}

import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildRouteGroups, type Services } from '../../../server/src/app/services';
import { loadConfig } from '../../../server/src/config';
import { createCrmStore } from '../../../server/src/crm/crm-store';
import type { Database } from '../../../server/src/db/database';
import { buildOpenApiDocument } from '../../../server/src/http/openapi';
import { createMetrics } from '../../../server/src/observability/metrics';
import { SecretBox } from '../../../server/src/secrets/secret-box';
import { createSyncModule } from '../../../server/src/sync/sync-module';
import { createCrmSyncAdapter } from '../../../server/src/sync/crm-adapter/crm-sync.adapter';

/** Building the routes must not touch the database; any query here is a bug. */
const untouchableDb: Database = {
  dialect: 'pglite',
  query: () => Promise.reject(new Error('no queries while building routes')),
  exec: () => Promise.reject(new Error('no queries while building routes')),
  transaction: () => Promise.reject(new Error('no queries while building routes')),
  close: () => Promise.resolve(),
};

function services(): Services {
  const logger = pino({ level: 'silent' });
  const secrets = new SecretBox(Buffer.alloc(32, 1));
  const crm = createCrmStore(untouchableDb);
  const module = createSyncModule({ db: untouchableDb, sealer: secrets, crm: createCrmSyncAdapter(crm, { timeZone: 'UTC' }), logger });
  return {
    config: loadConfig({ NODE_ENV: 'test' }),
    logger,
    metrics: createMetrics(),
    db: untouchableDb,
    secrets,
    crm,
    sync: {
      routes: module.routes,
      module,
      mailSource: { fetchMessage: () => Promise.reject(new Error('no Exchange while building routes')) },
      stop: () => Promise.resolve(),
    },
  };
}

describe('the mounted API', () => {
  it('puts the CRM, links, sync administration and mail filing under their /api prefixes', () => {
    const groups = buildRouteGroups(services());
    expect(groups.map((group) => group.prefix)).toEqual(['/api/crm', '/api/links', '/api/admin', '/api/mails']);
    for (const group of groups) expect(group.routes.length, group.prefix).toBeGreaterThan(0);
  });

  it('documents every mounted route in the OpenAPI document, once each', () => {
    const groups = buildRouteGroups(services());
    const document = buildOpenApiDocument(groups, 'test');
    const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.keys(item ?? {}).filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key)));
    const mounted = groups.reduce((count, group) => count + group.routes.length, 0);
    expect(operations).toHaveLength(mounted + 1);
    expect(document.paths).toHaveProperty(['/api/crm/companies/{id}']);
    expect(document.paths).toHaveProperty(['/api/admin/exchange-servers']);
  });
});

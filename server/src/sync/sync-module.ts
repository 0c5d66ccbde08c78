import type { Logger } from 'pino';
import { createBatchSettingsStore } from '../admin/batch-settings.store';
import { createExchangeConnectionService } from '../admin/exchange-connection.service';
import { createExchangeServerStore } from '../admin/exchange-server.store';
import { createMailboxAccountStore } from '../admin/mailbox-account.store';
import type { SecretSealer } from '../admin/secret-sealer';
import { createSyncConfigAdapter } from '../admin/sync-config.adapter';
import { createSyncRuleStore } from '../admin/sync-rule.store';
import { createSyncStatusService } from '../admin/sync-status.service';
import type { Database } from '../db/database';
import type { ExchangeGatewayFactory } from '../exchange/exchange-gateway';
import { createEwsGateway } from '../exchange/ews-gateway/ews.gateway';
import { buildAdminAccountRoutes } from '../http/routes/admin-accounts.routes';
import { buildAdminRuleRoutes } from '../http/routes/admin-rules.routes';
import { buildAdminServerRoutes } from '../http/routes/admin-servers.routes';
import type { RouteSpec } from '../http/route-spec';
import type { ExclusiveRun } from '../jobs/mailbox-exclusivity';
import { createSyncCycle } from '../jobs/sync-cycle.service';
import type { CrmSyncPort } from './crm-sync.port';
import { createMailboxSync } from './mailbox-sync.service';
import type { EngineOptions } from './rule-sync.context';
import { createSqlMailboxStatusStore, createSqlSyncLogStore } from './sql/sql-sync-log.store';
import { createSqlSyncStateStore } from './sql/sql-sync-state.store';
import type { SyncMetrics } from './sync.metrics';

export interface SyncModuleDeps {
  readonly db: Database;
  readonly sealer: SecretSealer;
  readonly crm: CrmSyncPort;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** IANA zone that labels times Exchange keeps as bare instants (task reminders). */
  readonly defaultTimeZone?: string;
  readonly caCertPem?: string;
  readonly oauthAuthority?: string;
  /** Replaces the EWS adapter (tests, and a Graph adapter later): the one place the adapter is chosen. */
  readonly gatewayFor?: ExchangeGatewayFactory;
  readonly engine?: Partial<EngineOptions>;
  readonly concurrency?: number;
  readonly perServerConcurrency?: number;
  readonly metrics?: SyncMetrics;
  /** This backend's node name, recorded with every sync run (B6). */
  readonly node?: string;
  /** Keeps one mailbox from running twice at once across processes (jobs/mailbox-exclusivity.ts); none by default. */
  readonly exclusive?: ExclusiveRun;
}

/**
 * The sync side of the backend in one factory: admin stores and routes (mount at
 * `/api/admin`), the engine, and one in-process cycle. The composition root adds the
 * routes and decides how cycles are triggered (timer in embedded mode, queue on a server).
 */
export function createSyncModule(deps: SyncModuleDeps) {
  const now = deps.now ?? (() => new Date());
  const servers = createExchangeServerStore(deps.db, deps.sealer, now);
  const accounts = createMailboxAccountStore(deps.db, deps.sealer, now);
  const rules = createSyncRuleStore(deps.db, now);
  const batch = createBatchSettingsStore(deps.db);
  const config = createSyncConfigAdapter({ servers, accounts, rules, batch });
  const gatewayFor: ExchangeGatewayFactory =
    deps.gatewayFor ?? ((connection) => createEwsGateway(connection, { defaultTimeZone: deps.defaultTimeZone ?? 'UTC', caCertPem: deps.caCertPem, oauthAuthority: deps.oauthAuthority, logger: deps.logger }));
  const log = createSqlSyncLogStore(deps.db, deps.node ?? null);
  const engine = createMailboxSync({
    config,
    crm: deps.crm,
    state: createSqlSyncStateStore(deps.db),
    log,
    statuses: createSqlMailboxStatusStore(deps.db),
    gatewayFor,
    logger: deps.logger,
    now,
    random: Math.random,
    options: deps.engine,
  });
  const metrics = deps.metrics;
  const exclusive: ExclusiveRun = deps.exclusive ?? ((_accountId, run) => run());
  const syncMailbox: typeof engine.syncMailbox = async (accountId, force) => {
    const started = performance.now();
    const outcome = await exclusive(accountId, () => engine.syncMailbox(accountId, force));
    metrics?.recordRun(outcome, (performance.now() - started) / 1000);
    return outcome;
  };
  const cycle = createSyncCycle({
    listActiveAccounts: () => config.listActiveAccounts(),
    syncMailbox,
    concurrency: deps.concurrency ?? 8,
    perServerConcurrency: deps.perServerConcurrency ?? 4,
  });
  const connections = createExchangeConnectionService({ servers, config, gatewayFor, caCertPem: deps.caCertPem, oauthAuthority: deps.oauthAuthority });
  const status = createSyncStatusService({ db: deps.db, runMailbox: syncMailbox, listRules: () => config.listRules(), userSubject: (userId) => deps.crm.userSubject(userId) });

  const routes: RouteSpec[] = [...buildAdminServerRoutes(servers, connections), ...buildAdminAccountRoutes(accounts, connections, status), ...buildAdminRuleRoutes(rules, batch, status)];

  /** One cycle over all active accounts, then B9 retention. */
  async function runCycle(force = false) {
    const summary = await cycle.runCycle(force);
    const settings = await batch.get();
    await log.purgeBefore(new Date(now().getTime() - settings.logRetentionDays * 86_400_000).toISOString());
    return summary;
  }

  return { routes, engine: { syncMailbox }, runCycle, config, stores: { servers, accounts, rules, batch }, status };
}

export type SyncModule = ReturnType<typeof createSyncModule>;

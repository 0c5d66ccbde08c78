import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createSyncMetrics } from '../sync/sync.metrics';
import { loadDeclarativeConfigFile } from '../admin/declarative-config.service';
import type { SecretSealer } from '../admin/secret-sealer';
import type { CrmStore } from '../crm/crm-store';
import type { Database } from '../db/database';
import type { RouteSpec } from '../http/route-spec';
import { createCrmSyncAdapter } from '../sync/crm-adapter/crm-sync.adapter';
import { createSqlSyncLogStore } from '../sync/sql/sql-sync-log.store';
import { createSyncModule, type SyncModule } from '../sync/sync-module';
import { createBatchTick } from './batch-tick';
import { createMailboxExclusivity } from './mailbox-exclusivity';
import { createSyncQueue } from './sync-queue.service';
import { createAccountMailSource } from '../mail-filing/account-mail-source';
import type { MailSource } from '../mail-filing/mail-source.port';

export interface SyncRuntimeDeps {
  readonly db: Database;
  readonly secrets: SecretSealer;
  readonly crm: CrmStore;
  readonly logger: Logger;
  /** Set when the backend runs on a PostgreSQL server: mailboxes are then shared with other instances through pg-boss. */
  readonly databaseUrl?: string;
  /** `TANDEM_CONFIG`: a declarative file applied at start. */
  readonly configFile?: string;
  readonly timeZone?: string;
  /** Extra trusted CA for Exchange (on-premises PKI, the sandbox). */
  readonly exchangeCaPem?: string;
  /** The app's metrics registry (`/metrics`); sync runs, items and errors are counted there. */
  readonly metricsRegistry?: Registry;
  /** B6: this backend's node name, recorded with every run; the batch settings may select it. Default: the host name. */
  readonly nodeName?: string;
  /** Seconds between two checks of the batch settings (default 30). */
  readonly tickSeconds?: number;
  /** PostgreSQL schema of the job queue (default `pgboss`). */
  readonly queueSchema?: string;
}

export interface SyncRuntime {
  readonly routes: RouteSpec[];
  readonly module: SyncModule;
  /** Reads a user's mail through the account configured for that mailbox ("File to CRM"). */
  readonly mailSource: MailSource;
  stop(): Promise<void>;
}

// Any constant works; it only has to be the same for every instance of Tandem.
const DECLARATIVE_CONFIG_LOCK_KEY = 7_126_414;

/**
 * Applies TANDEM_CONFIG under an advisory lock: instances starting together would
 * otherwise both find a server missing and both create it.
 */
async function applyConfigFile(deps: SyncRuntimeDeps, file: string): Promise<void> {
  const summary = await deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DECLARATIVE_CONFIG_LOCK_KEY]);
    return loadDeclarativeConfigFile(file, tx, deps.secrets);
  });
  deps.logger.info({ file, ...summary }, 'declarative sync configuration applied');
}

/**
 * The sync side of a running backend: admin routes, the declarative config, and the
 * batch process (B6). Every tick it checks the batch settings; when a cycle is due it
 * runs it in process (embedded database) or queues it for all instances (PostgreSQL).
 * A node the settings do not select serves the API but neither schedules nor works jobs.
 */
export async function startSyncRuntime(deps: SyncRuntimeDeps): Promise<SyncRuntime> {
  if (deps.configFile) await applyConfigFile(deps, deps.configFile);
  const nodeName = deps.nodeName ?? hostname();
  const module = createSyncModule({
    db: deps.db,
    sealer: deps.secrets,
    crm: createCrmSyncAdapter(deps.crm, { timeZone: deps.timeZone ?? 'UTC' }),
    logger: deps.logger,
    defaultTimeZone: deps.timeZone,
    caCertPem: deps.exchangeCaPem,
    ...(deps.metricsRegistry ? { metrics: createSyncMetrics(deps.metricsRegistry) } : {}),
    node: nodeName,
    exclusive: createMailboxExclusivity(deps.db),
  });
  const queueSchema = deps.queueSchema ?? 'pgboss';
  const boss = deps.databaseUrl ? new PgBoss({ connectionString: deps.databaseUrl, schema: queueSchema, schedule: false }) : null;
  const queue = boss
    ? createSyncQueue({
        boss,
        listActiveAccounts: () => module.config.listActiveAccounts(),
        syncMailbox: module.engine.syncMailbox,
        workers: 4,
        perServerConcurrency: 4,
        expireInSeconds: 1800,
        // Well above the 2 s polling and the moment from fetch to lock (with as many workers as
        // the per-server limit no job waits in the limiter), well below the shortest cycle (1 min).
        orphanGraceSeconds: 45,
        pollingIntervalSeconds: 2,
        mayWork: () => batchTick.isSelected(),
        schema: queueSchema,
        logger: deps.logger,
      })
    : null;
  if (boss && queue) {
    boss.on('error', (error: Error) => deps.logger.error({ err: error.message }, 'job queue error'));
    await boss.start();
    // Workers start with the first tick, once the node selection is known.
    await queue.prepare();
  }

  const syncLog = createSqlSyncLogStore(deps.db, nodeName);
  const batchTick = createBatchTick({
    batch: module.stores.batch,
    nodeName,
    logger: deps.logger,
    ...(queue ? { onSelection: (selected: boolean) => (selected ? queue.startWorking() : queue.stopWorking()) } : {}),
    startCycle: async () => {
      if (queue) {
        const queued = await queue.enqueueCycle();
        // B9 retention, which module.runCycle does in embedded mode; here the node that claimed the cycle does it.
        const { logRetentionDays } = await module.stores.batch.get();
        const purged = await syncLog.purgeBefore(new Date(Date.now() - logRetentionDays * 86_400_000).toISOString());
        deps.logger.info({ queued, purgedRuns: purged }, 'sync cycle queued');
        return;
      }
      const summary = await module.runCycle();
      deps.logger.info({ mailboxes: summary.mailboxes, synced: summary.synced, failed: summary.failed, created: summary.created, changed: summary.changed, deleted: summary.deleted }, 'sync cycle done');
    },
  });
  const timer = setInterval(() => void batchTick.tick(), (deps.tickSeconds ?? 30) * 1000);
  timer.unref();
  void batchTick.tick();

  return {
    routes: module.routes,
    module,
    mailSource: createAccountMailSource({
      findAccount: async (mailbox) => {
        const account = (await module.stores.accounts.list()).find((a) => a.mailbox.toLowerCase() === mailbox.toLowerCase());
        return account ? module.config.getAccountForSync(account.id) : null;
      },
      ...(deps.exchangeCaPem ? { caCertPem: deps.exchangeCaPem } : {}),
    }),
    async stop() {
      clearInterval(timer);
      await batchTick.stop();
      if (queue) await queue.stop();
      if (boss) await boss.stop({ graceful: true, close: true });
    },
  };
}

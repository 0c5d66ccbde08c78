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
import { createSyncModule, type SyncModule } from '../sync/sync-module';
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
}

export interface SyncRuntime {
  readonly routes: RouteSpec[];
  readonly module: SyncModule;
  /** Reads a user's mail through the account configured for that mailbox ("File to CRM"). */
  readonly mailSource: MailSource;
  stop(): Promise<void>;
}

const TICK_MS = 30_000;

/**
 * The sync side of a running backend: admin routes, the declarative config, and the
 * batch process (B6). Every tick it checks the batch settings; when a cycle is due it
 * runs it in process (embedded database) or queues it for all instances (PostgreSQL).
 */
export async function startSyncRuntime(deps: SyncRuntimeDeps): Promise<SyncRuntime> {
  if (deps.configFile) {
    const summary = await loadDeclarativeConfigFile(deps.configFile, deps.db, deps.secrets);
    deps.logger.info({ file: deps.configFile, ...summary }, 'declarative sync configuration applied');
  }
  const module = createSyncModule({
    db: deps.db,
    sealer: deps.secrets,
    crm: createCrmSyncAdapter(deps.crm, { timeZone: deps.timeZone ?? 'UTC' }),
    logger: deps.logger,
    defaultTimeZone: deps.timeZone,
    caCertPem: deps.exchangeCaPem,
    ...(deps.metricsRegistry ? { metrics: createSyncMetrics(deps.metricsRegistry) } : {}),
  });
  const boss = deps.databaseUrl ? new PgBoss({ connectionString: deps.databaseUrl, schedule: false }) : null;
  const queue = boss
    ? createSyncQueue({
        boss,
        listActiveAccounts: () => module.config.listActiveAccounts(),
        syncMailbox: module.engine.syncMailbox,
        workers: 4,
        perServerConcurrency: 4,
        expireInSeconds: 1800,
        pollingIntervalSeconds: 2,
        logger: deps.logger,
      })
    : null;
  if (boss && queue) {
    boss.on('error', (error: Error) => deps.logger.error({ err: error.message }, 'job queue error'));
    await boss.start();
    await queue.start();
  }

  let busy = false;
  async function tick(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const settings = await module.stores.batch.get();
      const status = await module.stores.batch.status();
      const now = new Date();
      const due = settings.active && settings.startAutomatically && (!status.nextRunAt || status.nextRunAt <= now.toISOString());
      if (!due) return;
      const next = new Date(now.getTime() + settings.intervalMinutes * 60_000).toISOString();
      await module.stores.batch.recordCycle({ running: true, lastRunAt: now.toISOString(), nextRunAt: next });
      if (queue) {
        const queued = await queue.enqueueCycle();
        deps.logger.info({ queued }, 'sync cycle queued');
      } else {
        const summary = await module.runCycle();
        deps.logger.info({ mailboxes: summary.mailboxes, synced: summary.synced, failed: summary.failed, created: summary.created, changed: summary.changed, deleted: summary.deleted }, 'sync cycle done');
      }
      await module.stores.batch.recordCycle({ running: false });
    } catch (error) {
      deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'sync cycle failed');
    } finally {
      busy = false;
    }
  }
  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  void tick();

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
      if (queue) await queue.stop();
      if (boss) await boss.stop({ graceful: true, close: true });
    },
  };
}

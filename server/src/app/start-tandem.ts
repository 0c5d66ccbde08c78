import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { PublicConfigBody } from '../../../shared/public-config.schema';
import type { Config } from '../config';
import { createCrmStore } from '../crm/crm-store';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { startSyncRuntime } from '../jobs/sync-runtime';
import { createMetrics } from '../observability/metrics';
import { loadSecretsKey } from '../secrets/load-secrets-key';
import { SecretBox } from '../secrets/secret-box';
import { buildAuth, type AuthParts } from './build-auth';
import { CleanupStack } from './cleanup-stack';
import { createApp } from './create-app';
import { listen } from './listen';
import { buildRouteGroups, type Services } from './services';

export interface RunningTandem {
  /** The public address (PUBLIC_URL). */
  readonly url: string;
  /** How this process reaches itself. */
  readonly loopbackUrl: string;
  /** Stops taking requests, lets in-flight ones finish, stops the sync, then closes the database. */
  close(): Promise<void>;
}

function readVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

function toPublicConfig(config: Config): PublicConfigBody {
  const { publicConfig, auth } = config;
  return {
    auth: {
      mode: auth.mode,
      ...(publicConfig.clientId ? { clientId: publicConfig.clientId } : {}),
      ...(publicConfig.authority ? { authority: publicConfig.authority } : {}),
      ...(publicConfig.apiScope ? { apiScope: publicConfig.apiScope } : {}),
      ...(auth.mode === 'local' ? { localTokenUrl: `${auth.issuer}/token` } : {}),
    },
    ...(publicConfig.crmRecordUrl ? { crmRecordUrl: publicConfig.crmRecordUrl } : {}),
  };
}

async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') });
  try {
    const { applied } = await migrate(db);
    logger.info({ dialect: db.dialect, applied }, applied.length > 0 ? 'database migrated' : 'database schema is current');
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

function buildApp(services: Services, auth: AuthParts): Express {
  const { config, db } = services;
  return createApp({
    logger: services.logger,
    metrics: services.metrics,
    verifyToken: auth.verifyToken,
    ...(auth.localIssuer ? { localIssuer: auth.localIssuer } : {}),
    checkReady: async () => {
      await db.query('SELECT 1');
    },
    routeGroups: buildRouteGroups(services),
    publicConfig: toPublicConfig(config),
    bodyLimit: config.bodyLimit,
    version: readVersion(),
    addinDir: config.addinDistDir,
    security: { publicUrl: config.publicUrl, ...(config.publicConfig.authority ? { authority: config.publicConfig.authority } : {}) },
  });
}

async function startServices(config: Config, logger: Logger, cleanup: CleanupStack): Promise<Services> {
  const db = await openMigratedDatabase(config, logger);
  cleanup.push('database', () => db.close());
  const secrets = new SecretBox(loadSecretsKey({ ...(config.secretsKey ? { configured: config.secretsKey } : {}), dataDir: config.dataDir, logger }));
  const crm = createCrmStore(db);
  const metrics = createMetrics();
  const sync = await startSyncRuntime({
    metricsRegistry: metrics.registry,
    db,
    secrets,
    crm,
    logger: logger.child({ module: 'sync' }),
    timeZone: config.sync.timeZone,
    nodeName: config.sync.nodeName,
    tickSeconds: config.sync.tickSeconds,
    queueSchema: config.sync.queueSchema,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.sync.configFile ? { configFile: config.sync.configFile } : {}),
    ...(config.sync.exchangeCaFile ? { exchangeCaPem: readFileSync(config.sync.exchangeCaFile, 'utf8') } : {}),
  });
  cleanup.push('sync', () => sync.stop());
  return { config, logger, metrics, db, secrets, crm, sync };
}

/**
 * The composition root: configuration in, a listening backend out. Order: database
 * (migrated) → secrets → CRM and sync → auth → app → listen; shutdown runs it backwards,
 * and so does a failure half-way through the start.
 */
export async function startTandem(config: Config, logger: Logger): Promise<RunningTandem> {
  for (const warning of config.warnings) logger.warn(warning);
  const cleanup = new CleanupStack();
  try {
    const services = await startServices(config, logger, cleanup);
    let loopbackUrl = '';
    const auth = await buildAuth(config, () => loopbackUrl);
    const listening = await listen(buildApp(services, auth), { host: config.host, port: config.port, ...(config.tls ? { tls: config.tls } : {}) });
    cleanup.push('http server', () => listening.close());
    loopbackUrl = listening.loopbackUrl;
    logger.info({ url: config.publicUrl, listening: loopbackUrl, auth: config.auth.mode }, 'Tandem is listening');
    return { url: config.publicUrl, loopbackUrl, close: () => cleanup.closeAll() };
  } catch (err) {
    await cleanup.closeAll().catch((closeErr: unknown) => logger.error({ err: closeErr }, 'cleanup after a failed start failed'));
    throw err;
  }
}

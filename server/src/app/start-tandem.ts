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
import { createMetrics } from '../observability/metrics';
import { loadSecretsKey } from '../secrets/load-secrets-key';
import { SecretBox } from '../secrets/secret-box';
import { startBackground, stopBackground } from './background';
import { buildAuth, type AuthParts } from './build-auth';
import { createApp } from './create-app';
import { listen, type Listening } from './listen';
import { buildRouteGroups, type Services } from './services';

export interface RunningTandem {
  /** The public address (PUBLIC_URL). */
  readonly url: string;
  /** How this process reaches itself. */
  readonly loopbackUrl: string;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
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

/**
 * The composition root: configuration in, a listening backend out. Order: database
 * (migrated) → secrets → services → auth → app → listen → background work. Anything that
 * fails on the way closes what was already opened.
 */
export async function startTandem(config: Config, logger: Logger): Promise<RunningTandem> {
  for (const warning of config.warnings) logger.warn(warning);
  const db = await openMigratedDatabase(config, logger);
  let listening: Listening | undefined;
  try {
    const secrets = new SecretBox(loadSecretsKey({ ...(config.secretsKey ? { configured: config.secretsKey } : {}), dataDir: config.dataDir, logger }));
    const services: Services = { config, logger, metrics: createMetrics(), db, secrets, crm: createCrmStore(db) };
    let loopbackUrl = '';
    const auth = await buildAuth(config, () => loopbackUrl);
    listening = await listen(buildApp(services, auth), { host: config.host, port: config.port, ...(config.tls ? { tls: config.tls } : {}) });
    loopbackUrl = listening.loopbackUrl;
    const background = await startBackground(services);
    logger.info({ url: config.publicUrl, listening: loopbackUrl, auth: config.auth.mode }, 'Tandem is listening');
    const server = listening;
    return {
      url: config.publicUrl,
      loopbackUrl,
      close: async () => {
        try {
          await stopBackground(background);
        } finally {
          await server.close();
          await db.close();
        }
      },
    };
  } catch (err) {
    await listening?.close();
    await db.close();
    throw err;
  }
}

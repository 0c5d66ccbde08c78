import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { envSchema, type Env } from './config/env-schema';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The tenant id carried by tokens of the built-in development issuer. */
export const LOCAL_TENANT_ID = 'local';
/** The audience of the built-in development issuer's tokens unless AUTH_AUDIENCE says otherwise. */
export const LOCAL_AUDIENCE = 'api://tandem';

interface AuthCommon {
  readonly audiences: readonly string[];
  readonly tenantIds: readonly string[];
  /** The app-role value (Entra `roles` claim) that makes a caller an admin. */
  readonly adminRole: string;
  /** When set, delegated tokens must carry this scope in `scp`. */
  readonly requiredScope?: string;
}

/** Tokens come from an external OpenID Connect issuer (Microsoft Entra ID in production). */
export interface ExternalAuthConfig extends AuthCommon {
  readonly mode: 'external';
  readonly issuer: string;
  /** When absent, read from the issuer's OpenID Connect metadata. */
  readonly jwksUrl?: string;
}

/** Tokens come from the built-in development issuer at `<PUBLIC_URL>/auth/local`. */
export interface LocalAuthConfig extends AuthCommon {
  readonly mode: 'local';
  readonly issuer: string;
}

export type AuthConfig = ExternalAuthConfig | LocalAuthConfig;

/** What the add-in needs to know about this installation; served unauthenticated, so never a secret. */
export interface PublicConfig {
  readonly clientId?: string;
  readonly authority?: string;
  readonly apiScope?: string;
  /** e.g. `https://crm.example.com/{type}/{id}`; the pane fills in the placeholders. */
  readonly crmRecordUrl?: string;
}

/** The sync side (C, B6): what the batch process needs beyond the database. */
export interface SyncConfig {
  /** TANDEM_CONFIG: a JSON/YAML file of servers, accounts and rules applied at start. */
  readonly configFile?: string;
  /** IANA zone that labels CRM times until Exchange reports the real one. */
  readonly timeZone: string;
  /** Extra trusted CA (PEM file) for Exchange servers with a private PKI. */
  readonly exchangeCaFile?: string;
  /**
   * TANDEM_NODE_NAME: this backend's name for B6 "which server node runs it" and in the
   * sync runs. Defaults to the host name, so it survives a restart (a pid would not).
   */
  readonly nodeName: string;
  /** How often the batch process checks whether a cycle is due and which node may run it. */
  readonly tickSeconds: number;
  /** PostgreSQL schema of the job queue (pg-boss); one per installation sharing a database. */
  readonly queueSchema: string;
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  readonly dataDir: string;
  /** `postgres://…` selects a PostgreSQL server; absent means the embedded database in `dataDir`. */
  readonly databaseUrl?: string;
  readonly logLevel: LogLevel;
  readonly bodyLimit: string;
  readonly addinDistDir: string;
  readonly auth: AuthConfig;
  readonly secretsKey?: Buffer;
  readonly publicConfig: PublicConfig;
  readonly sync: SyncConfig;
  /** Decisions taken on the operator's behalf that deserve a loud log line at start-up. */
  readonly warnings: readonly string[];
}

/** Names every offending variable; values are left out because some carry credentials. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

function parseEnv(env: Readonly<Record<string, string | undefined>>): Env {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`));
}

function resolveAuth(env: Env, publicUrl: string, production: boolean, problems: string[], warnings: string[]): AuthConfig {
  const adminRole = env.AUTH_ADMIN_ROLE ?? 'Tandem.Admin';
  const scope = env.AUTH_REQUIRED_SCOPE ? { requiredScope: env.AUTH_REQUIRED_SCOPE } : {};
  const local = env.AUTH_LOCAL_ISSUER ?? (!env.AUTH_ISSUER && !production);
  if (local) {
    if (production) problems.push('AUTH_LOCAL_ISSUER: must not be enabled when NODE_ENV=production (it mints tokens for anyone)');
    if (env.AUTH_ISSUER) problems.push('AUTH_ISSUER: set either AUTH_ISSUER or AUTH_LOCAL_ISSUER=true, not both');
    if (env.AUTH_LOCAL_ISSUER === undefined) {
      warnings.push(
        'No AUTH_ISSUER is set: the built-in DEVELOPMENT token issuer is on and anyone who can reach ' +
          `${publicUrl}/auth/local/token can mint tokens. Set AUTH_ISSUER (and NODE_ENV=production) for real use.`,
      );
    }
    return {
      mode: 'local',
      issuer: `${publicUrl}/auth/local`,
      audiences: env.AUTH_AUDIENCE ?? [LOCAL_AUDIENCE],
      tenantIds: env.AUTH_TENANT_ID ?? [LOCAL_TENANT_ID],
      adminRole,
      ...scope,
    };
  }
  if (!env.AUTH_ISSUER) problems.push('AUTH_ISSUER: is required (the OpenID Connect issuer of the access tokens)');
  if (!env.AUTH_AUDIENCE) problems.push('AUTH_AUDIENCE: is required with AUTH_ISSUER (the API application id or URI)');
  if (!env.AUTH_TENANT_ID) problems.push('AUTH_TENANT_ID: is required with AUTH_ISSUER (the allowed directory/tenant ids)');
  return {
    mode: 'external',
    issuer: env.AUTH_ISSUER ?? '',
    ...(env.AUTH_JWKS_URL ? { jwksUrl: env.AUTH_JWKS_URL } : {}),
    audiences: env.AUTH_AUDIENCE ?? [],
    tenantIds: env.AUTH_TENANT_ID ?? [],
    adminRole,
    ...scope,
  };
}

function resolveTls(env: Env, problems: string[]): Config['tls'] {
  if (env.TLS_CERT_FILE && env.TLS_KEY_FILE) return { certFile: resolve(env.TLS_CERT_FILE), keyFile: resolve(env.TLS_KEY_FILE) };
  if (env.TLS_CERT_FILE) problems.push('TLS_KEY_FILE: is required when TLS_CERT_FILE is set');
  if (env.TLS_KEY_FILE) problems.push('TLS_CERT_FILE: is required when TLS_KEY_FILE is set');
  return undefined;
}

/**
 * Reads the configuration once, at start-up; everything else receives the result. Pure:
 * it neither logs nor touches the disk, so the caller decides what to do with `warnings`.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = parseEnv(env);
  const problems: string[] = [];
  const warnings: string[] = [];
  const nodeEnv = parsed.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const tls = resolveTls(parsed, problems);
  const port = parsed.PORT ?? 3000;
  const publicUrl = (parsed.PUBLIC_URL ?? `${tls ? 'https' : 'http'}://localhost:${port}`).replace(/\/+$/, '');
  const auth = resolveAuth(parsed, publicUrl, production, problems, warnings);
  if (production && !parsed.SECRETS_KEY) {
    problems.push('SECRETS_KEY: is required when NODE_ENV=production (32 random bytes, base64)');
  }
  if (!production && !parsed.SECRETS_KEY && parsed.DATABASE_URL) {
    problems.push('SECRETS_KEY: is required with DATABASE_URL, since every instance sharing the database must use the same key');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: nodeEnv,
    // Loopback by default: the development issuer must not be reachable from the network by accident.
    host: parsed.HOST ?? '127.0.0.1',
    port,
    publicUrl,
    ...(tls ? { tls } : {}),
    dataDir: resolve(parsed.DATA_DIR ?? '.data'),
    ...(parsed.DATABASE_URL ? { databaseUrl: parsed.DATABASE_URL } : {}),
    logLevel: parsed.LOG_LEVEL ?? 'info',
    bodyLimit: parsed.BODY_LIMIT ?? '1mb',
    addinDistDir: resolve(parsed.ADDIN_DIST_DIR ?? 'dist/addin'),
    auth,
    ...(parsed.SECRETS_KEY ? { secretsKey: parsed.SECRETS_KEY } : {}),
    publicConfig: {
      ...(parsed.ADDIN_CLIENT_ID ? { clientId: parsed.ADDIN_CLIENT_ID } : {}),
      ...(parsed.ADDIN_AUTHORITY ? { authority: parsed.ADDIN_AUTHORITY } : {}),
      ...(parsed.ADDIN_API_SCOPE ? { apiScope: parsed.ADDIN_API_SCOPE } : {}),
      ...(parsed.CRM_RECORD_URL ? { crmRecordUrl: parsed.CRM_RECORD_URL } : {}),
    },
    sync: {
      ...(parsed.TANDEM_CONFIG ? { configFile: resolve(parsed.TANDEM_CONFIG) } : {}),
      timeZone: parsed.TANDEM_TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(parsed.EXCHANGE_CA_FILE ? { exchangeCaFile: resolve(parsed.EXCHANGE_CA_FILE) } : {}),
      nodeName: parsed.TANDEM_NODE_NAME || hostname(),
      tickSeconds: parsed.TANDEM_SYNC_TICK_SECONDS ?? 30,
      queueSchema: parsed.TANDEM_QUEUE_SCHEMA ?? 'pgboss',
    },
    warnings,
  };
}

import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { declarativeConfigSchema, type DeclarativeConfig } from '../../../shared/admin/declarative-config.schema';
import type { Database } from '../db/database';
import { createBatchSettingsStore } from './batch-settings.store';
import { createExchangeServerStore } from './exchange-server.store';
import { createMailboxAccountStore } from './mailbox-account.store';
import type { SecretSealer } from './secret-sealer';
import { createSyncRuleStore } from './sync-rule.store';

export class DeclarativeConfigError extends Error {
  override readonly name = 'DeclarativeConfigError';
}

/**
 * Secrets stay out of the file: `{ "fromEnv": "NAME" }` anywhere in it is replaced by
 * that environment variable before validation.
 */
function resolveEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, path: string): unknown {
  if (Array.isArray(value)) return value.map((entry, i) => resolveEnv(entry, env, `${path}.${i}`));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0]?.[0] === 'fromEnv' && typeof entries[0][1] === 'string') {
    const resolved = env[entries[0][1]];
    if (resolved === undefined) throw new DeclarativeConfigError(`${path || 'config'}: environment variable ${entries[0][1]} is not set`);
    return resolved;
  }
  return Object.fromEntries(entries.map(([key, entry]) => [key, resolveEnv(entry, env, path ? `${path}.${key}` : key)]));
}

export function parseDeclarativeConfig(source: string, env: Readonly<Record<string, string | undefined>>): DeclarativeConfig {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    throw new DeclarativeConfigError(`TANDEM_CONFIG is neither JSON nor YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = declarativeConfigSchema.safeParse(resolveEnv(raw ?? {}, env, ''));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'config'}: ${issue.message}`);
    throw new DeclarativeConfigError(`TANDEM_CONFIG is invalid:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

export interface ApplySummary {
  readonly servers: { created: number; updated: number };
  readonly accounts: { created: number; updated: number };
  readonly rules: { created: number; updated: number };
  readonly batch: boolean;
}

/** Applies a validated file in one transaction: a file that fails half-way changes nothing. */
export async function applyDeclarativeConfig(db: Database, sealer: SecretSealer, config: DeclarativeConfig, now: () => Date = () => new Date()): Promise<ApplySummary> {
  return db.transaction(async (tx) => {
    const servers = createExchangeServerStore(tx, sealer, now);
    const accounts = createMailboxAccountStore(tx, sealer, now);
    const rules = createSyncRuleStore(tx, now);
    const summary = { servers: { created: 0, updated: 0 }, accounts: { created: 0, updated: 0 }, rules: { created: 0, updated: 0 }, batch: false };
    for (const server of config.servers) {
      const id = await servers.findIdByName(server.name);
      if (id) await servers.update(id, server);
      else await servers.create(server);
      summary.servers[id ? 'updated' : 'created'] += 1;
    }
    for (const { server: serverName, ...account } of config.accounts) {
      const serverId = await servers.findIdByName(serverName);
      if (!serverId) throw new DeclarativeConfigError(`account ${account.mailbox}: no server named "${serverName}"`);
      const id = await accounts.findIdByMailbox(account.mailbox);
      if (id) await accounts.update(id, { ...account, serverId });
      else await accounts.create({ ...account, serverId });
      summary.accounts[id ? 'updated' : 'created'] += 1;
    }
    for (const rule of config.rules) {
      const id = await rules.findIdByDescription(rule.description);
      if (id) await rules.update(id, rule);
      else await rules.create(rule);
      summary.rules[id ? 'updated' : 'created'] += 1;
    }
    if (config.batch) {
      await createBatchSettingsStore(tx).save(config.batch);
      summary.batch = true;
    }
    return summary;
  });
}

/** `TANDEM_CONFIG=path`: read, validate and apply; errors name the file and the offending entries. */
export async function loadDeclarativeConfigFile(path: string, db: Database, sealer: SecretSealer, env: Readonly<Record<string, string | undefined>> = process.env): Promise<ApplySummary> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    throw new DeclarativeConfigError(`TANDEM_CONFIG file ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return applyDeclarativeConfig(db, sealer, parseDeclarativeConfig(source, env));
}

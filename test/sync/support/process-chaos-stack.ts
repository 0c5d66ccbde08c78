import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { applyDeclarativeConfig } from '../../../server/src/admin/declarative-config.service';
import { createCrmStore, type CrmStore } from '../../../server/src/crm/crm-store';
import type { WriteContext } from '../../../server/src/crm/viewer';
import type { Database } from '../../../server/src/db/database';
import { migrate } from '../../../server/src/db/migrate';
import { openDatabase } from '../../../server/src/db/open-database';
import { quoteIdentifier } from '../../../server/src/db/postgres-database';
import { SecretBox } from '../../../server/src/secrets/secret-box';
import { declarativeConfigSchema } from '../../../shared/admin/declarative-config.schema';
import { TEST_PG_URL } from '../../support/test-databases';

/** One mailbox of the run and the CRM user it belongs to. */
export interface ChaosMailbox {
  readonly smtpAddress: string;
  readonly userId: string;
}

/**
 * What a process-kill chaos run shares between the test process and the backend child:
 * the sandbox (in the test process), one PostgreSQL schema, and the environment that
 * points `npm run sync -- --once` at both.
 */
export interface ProcessChaosStack {
  readonly sandbox: Sandbox;
  /** The test process's own connection: it edits the CRM and reads the result here. */
  readonly db: Database;
  readonly crm: CrmStore;
  readonly mailboxes: readonly ChaosMailbox[];
  /** Environment of the backend child (DATABASE_URL confined to the schema, SECRETS_KEY, CA). */
  readonly backendEnv: Readonly<Record<string, string>>;
  readonly schema: string;
  close(): Promise<void>;
}

export const SYSTEM_CONTEXT: WriteContext = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true, origin: 'api' };

/** A `postgres://` URL whose connections all use `schema` first (libpq `options`, read by node-postgres). */
export function schemaUrl(baseUrl: string, schema: string): string {
  const options = encodeURIComponent(`-c search_path=${quoteIdentifier(schema)},public`);
  return `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${options}`;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Starts the sandbox, creates a fresh schema, lets `beforeMigrate` start backends on it, migrates it, creates one CRM user per mailbox
 * and provisions server, accounts and the contacts rule through the real declarative
 * configuration service (what TANDEM_CONFIG does), once, before any backend starts.
 */
export async function openProcessChaosStack(options: {
  seed: number;
  mailboxes: number;
  /** Runs on the empty schema, before this process migrates it (backends racing for the migrations). */
  beforeMigrate?: (backendEnv: Readonly<Record<string, string>>) => Promise<void>;
}): Promise<ProcessChaosStack> {
  const sandbox = await startSandbox({ faultSeed: options.seed });
  const schema = `chaos_${randomBytes(6).toString('hex')}`;
  // The sandbox's CA goes to the backend as an operator configures it: a PEM file.
  const caDir = await mkdtemp(join(tmpdir(), 'tandem-chaos-ca-'));
  const caFile = join(caDir, 'exchange-ca.pem');
  await writeFile(caFile, sandbox.caCertPem);
  let db: Database | undefined;
  try {
    await adminQuery(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
    db = await openDatabase({ url: TEST_PG_URL, schema });
    const secretsKey = randomBytes(32);
    const backendEnv = {
      DATABASE_URL: schemaUrl(TEST_PG_URL, schema),
      SECRETS_KEY: secretsKey.toString('base64'),
      EXCHANGE_CA_FILE: caFile,
      TANDEM_TIME_ZONE: 'Europe/Berlin',
      LOG_LEVEL: 'error',
    };
    await options.beforeMigrate?.(backendEnv);
    await migrate(db);
    const crm = createCrmStore(db);
    const mailboxes: ChaosMailbox[] = [];
    for (let i = 0; i < options.mailboxes; i++) {
      const smtpAddress = `user${i}@contoso.example`;
      sandbox.control.addMailbox({ smtpAddress });
      sandbox.control.grantImpersonation(smtpAddress);
      const user = await crm.users.create(SYSTEM_CONTEXT, { email: smtpAddress, displayName: `User ${i}`, isAdmin: false });
      mailboxes.push({ smtpAddress, userId: user.id });
    }
    const config = declarativeConfigSchema.parse({
      servers: [{ name: 'sandbox', type: 'on-premises', ewsUrl: sandbox.ewsUrl, version: 'Exchange2016', auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } }],
      accounts: mailboxes.map((mailbox) => ({ userId: mailbox.userId, mailbox: mailbox.smtpAddress, server: 'sandbox' })),
      rules: [
        {
          description: 'contacts, CRM is master',
          validity: { scope: 'all' },
          dataType: 'contacts',
          master: 'crm',
          crmToExchange: { create: true, change: true, delete: true, overwrite: false },
          exchangeToCrm: { create: true, change: true, delete: true, overwrite: false },
          folders: [{ kind: 'well-known', name: 'contacts' }],
        },
      ],
    });
    await applyDeclarativeConfig(db, new SecretBox(secretsKey), config);
    const opened = db;
    return {
      sandbox,
      db: opened,
      crm,
      mailboxes,
      backendEnv,
      schema,
      async close() {
        await opened.close();
        await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
        await sandbox.close();
        await rm(caDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`).catch(() => undefined);
    await sandbox.close();
    await rm(caDir, { recursive: true, force: true });
    throw error;
  }
}

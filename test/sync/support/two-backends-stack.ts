import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { createCrmStore } from '../../../server/src/crm/crm-store';
import type { Database } from '../../../server/src/db/database';
import { migrate } from '../../../server/src/db/migrate';
import { openDatabase } from '../../../server/src/db/open-database';
import { quoteIdentifier } from '../../../server/src/db/postgres-database';
import { TEST_PG_URL } from '../../support/test-databases';

/** One sandbox mailbox and the CRM user its account belongs to. */
export interface StackMailbox {
  readonly smtpAddress: string;
  readonly userId: string;
}

/**
 * What two real backends share: the Exchange sandbox (in the test process), one fresh
 * PostgreSQL schema with the CRM users, a TANDEM_CONFIG file provisioning server, accounts,
 * the contacts rule and the batch, and the environment both backend processes start with.
 */
export interface TwoBackendsStack {
  readonly sandbox: Sandbox;
  /** The test process's own connection, for reading the evidence. */
  readonly db: Database;
  readonly mailboxes: readonly StackMailbox[];
  /** Environment common to both backends; each adds its TANDEM_NODE_NAME and DATA_DIR. */
  readonly backendEnv: Readonly<Record<string, string>>;
  /** A fresh folder for a backend's DATA_DIR. */
  dataDir(name: string): string;
  /** Adds an Exchange contact in a mailbox, as its user would in Outlook. */
  addContact(smtpAddress: string, givenName: string, surname: string): void;
  close(): Promise<void>;
}

const SYSTEM = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true, origin: 'api' } as const;

/** A `postgres://` URL whose connections use `schema` first (libpq `options`, read by node-postgres). */
function schemaUrl(baseUrl: string, schema: string): string {
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

function tandemConfig(ewsUrl: string, mailboxes: readonly StackMailbox[]): unknown {
  return {
    // The service account's password stays out of the file: each backend reads it from its environment.
    servers: [{ name: 'sandbox', type: 'on-premises', ewsUrl, version: 'Exchange2016', auth: { method: 'basic', username: 'svc-tandem@contoso.example', password: { fromEnv: 'SANDBOX_SERVICE_PASSWORD' } } }],
    accounts: mailboxes.map((mailbox) => ({ userId: mailbox.userId, mailbox: mailbox.smtpAddress, server: 'sandbox' })),
    rules: [
      {
        description: 'contacts both ways',
        validity: { scope: 'all' },
        dataType: 'contacts',
        master: 'crm',
        crmToExchange: { create: true, change: true, delete: true, overwrite: false },
        exchangeToCrm: { create: true, change: true, delete: true, overwrite: false },
        folders: [{ kind: 'well-known', name: 'contacts' }],
        // Import the contacts that were in the mailboxes before the rule existed, too.
        options: { initialImportSince: '2000-01-01T00:00:00Z' },
      },
    ],
    // No node named: every backend takes a share (B6).
    batch: { intervalMinutes: 1, active: true, startAutomatically: true, node: null },
  };
}

export async function openTwoBackendsStack(options: { mailboxes: number; contactsPerMailbox: number }): Promise<TwoBackendsStack> {
  const sandbox = await startSandbox({ faultSeed: 4 });
  const suffix = randomBytes(5).toString('hex');
  const schema = `two_backends_${suffix}`;
  const queueSchema = `two_backends_queue_${suffix}`;
  const dir = mkdtempSync(join(tmpdir(), 'tandem-two-backends-'));
  let db: Database | undefined;
  try {
    await adminQuery(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
    db = await openDatabase({ url: TEST_PG_URL, schema });
    await migrate(db);
    const crm = createCrmStore(db);
    const mailboxes: StackMailbox[] = [];
    for (let m = 0; m < options.mailboxes; m++) {
      const smtpAddress = `user${m}@contoso.example`;
      sandbox.control.addMailbox({ smtpAddress });
      sandbox.control.grantImpersonation(smtpAddress);
      const user = await crm.users.create(SYSTEM, { email: smtpAddress, displayName: `User ${m}`, isAdmin: false });
      mailboxes.push({ smtpAddress, userId: user.id });
      for (let c = 0; c < options.contactsPerMailbox; c++) {
        sandbox.control.createItem(smtpAddress, { folder: 'contacts', kind: 'Contact', fields: { GivenName: `Given${c}`, Surname: `M${m}-Seed${c}` } });
      }
    }
    writeFileSync(join(dir, 'tandem.json'), JSON.stringify(tandemConfig(sandbox.ewsUrl, mailboxes)));
    writeFileSync(join(dir, 'exchange-ca.pem'), sandbox.caCertPem);
    const opened = db;
    return {
      sandbox,
      db: opened,
      mailboxes,
      backendEnv: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: schemaUrl(TEST_PG_URL, schema),
        TANDEM_QUEUE_SCHEMA: queueSchema,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        TANDEM_CONFIG: join(dir, 'tandem.json'),
        SANDBOX_SERVICE_PASSWORD: sandbox.basic.password,
        EXCHANGE_CA_FILE: join(dir, 'exchange-ca.pem'),
        TANDEM_TIME_ZONE: 'Europe/Berlin',
        TANDEM_SYNC_TICK_SECONDS: '1',
        ADDIN_DIST_DIR: join(dir, 'no-addin'),
        LOG_LEVEL: 'info',
      },
      dataDir: (name) => join(dir, name),
      addContact(smtpAddress, givenName, surname) {
        sandbox.control.createItem(smtpAddress, { folder: 'contacts', kind: 'Contact', fields: { GivenName: givenName, Surname: surname } });
      },
      async close() {
        await opened.close();
        await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
        await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(queueSchema)} CASCADE`);
        await sandbox.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`).catch(() => undefined);
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

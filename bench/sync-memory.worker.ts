import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { exchangeServerInputSchema } from '../shared/admin/exchange-server.schema';
import { mailboxAccountInputSchema } from '../shared/admin/mailbox-account.schema';
import { syncRuleInputSchema } from '../shared/admin/sync-rule.schema';
import type { ChangeBatch, ExchangeChange, ExchangeGateway, ExchangeItem, ItemVersion, Outcome } from '../server/src/exchange/exchange-gateway';
import { createCrmStore } from '../server/src/crm/crm-store';
import type { Database } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';
import { openDatabase } from '../server/src/db/open-database';
import { SecretBox } from '../server/src/secrets/secret-box';
import { createCrmSyncAdapter } from '../server/src/sync/crm-adapter/crm-sync.adapter';
import { createSyncModule } from '../server/src/sync/sync-module';
import { makeContact } from '../test/sync/support/neutral-fixtures';

/**
 * One peak-memory measurement in a fresh process, so nothing another benchmark left on the
 * heap is counted: the whole product path (sync module, CRM store and adapter, SQL state,
 * sync log and status) over a database, with an Exchange stand-in that keeps nothing.
 *
 *   direction crm-to-exchange: N contacts in the CRM journal are pushed into a mailbox;
 *   direction exchange-to-crm: a mailbox of N contacts is imported into the CRM.
 *
 * Prints one JSON line: { items, direction, dialect, created, seconds, baselineMb, peakMb }.
 */

type Direction = 'crm-to-exchange' | 'exchange-to-crm';

const PAGE = 512;
const MAILBOX = 'memory@contoso.example';

/** Generates the mailbox's contacts page by page from the cursor, so the stand-in holds none of them. */
function generatingGateway(items: number, direction: Direction): ExchangeGateway {
  let nextId = 0;
  const item = (index: number, folderId: string): ExchangeItem => ({
    id: `item-${index}`,
    changeKey: 'k1',
    folderId,
    crmId: null,
    lastModified: new Date().toISOString(),
    data: makeContact({ givenName: `G${index}`, surname: `S${index}`, displayName: `G${index} S${index}`, emails: [`c${index}@example.test`], companyName: '' }),
  });
  return {
    listFolders: async (mailbox) => [{ id: `${mailbox}/contacts`, parentId: null, displayName: 'Contacts', path: ['Contacts'], folderClass: 'contacts', wellKnownName: 'contacts' }],
    async syncFolder(_mailbox, folderId, _type, cursor, maxChanges): Promise<ChangeBatch> {
      const from = cursor ? Number(cursor) : 0;
      const total = direction === 'exchange-to-crm' ? items : 0;
      const to = Math.min(total, from + Math.min(maxChanges, PAGE));
      const changes: ExchangeChange[] = [];
      for (let i = from; i < to; i++) changes.push({ type: 'upsert', item: item(i, folderId) });
      return { changes, cursor: String(to), more: to < total };
    },
    getItems: async () => [],
    createItems: async (_m, _f, created) => created.map((): Outcome<ItemVersion> => ({ ok: true, value: { id: `new-${(nextId += 1)}`, changeKey: 'k' } })),
    updateItems: async (_m, updates) => updates.map((update): Outcome<ItemVersion> => ({ ok: true, value: { id: update.id, changeKey: 'k2' } })),
    deleteItems: async (_m, ids) => ids.map((): Outcome<null> => ({ ok: true, value: null })),
    findByCrmIds: async () => [],
  };
}

/** N contacts and their journal entries, written by SQL in bulk so the setup costs the process no memory. */
async function seedCrmContacts(db: Database, items: number, ownerId: string): Promise<void> {
  const chunk = 20_000;
  for (let from = 0; from < items; from += chunk) {
    const count = Math.min(chunk, items - from);
    await db.query(
      `WITH created AS (
         INSERT INTO crm_contacts (id, first_name, last_name, owner_id)
         SELECT gen_random_uuid(), 'G' || n, 'S' || n, $3::uuid FROM generate_series($1::int, $2::int) AS n
         RETURNING id)
       INSERT INTO crm_changes (entity_type, entity_id, operation, version, origin)
       SELECT 'contact', id, 'create', 1, 'user:' || $3 FROM created`,
      [from, from + count - 1, ownerId],
    );
  }
}

async function openBenchDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.TANDEM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_memory_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  const onServer = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!onServer) {
    const dataDir = `/tmp/tandem-bench-memory-${process.pid}`;
    return { db: await openDatabase({ dataDir }), drop: async () => {} };
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    db: await openDatabase({ url, schema }),
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 100_000);
  const direction = (process.argv[3] ?? 'crm-to-exchange') as Direction;
  const { db, drop } = await openBenchDatabase();
  try {
    await migrate(db);
    const ownerId = randomUUID();
    await db.query(`INSERT INTO crm_users (id, subject, email, display_name) VALUES ($1, $2, $3, 'Memory bench')`, [ownerId, `bench-${ownerId}`, MAILBOX]);
    const logger = pino({ level: 'silent' });
    const sync = createSyncModule({
      db,
      sealer: new SecretBox(randomBytes(32)),
      crm: createCrmSyncAdapter(createCrmStore(db), { timeZone: 'Europe/Berlin' }),
      logger,
      gatewayFor: () => generatingGateway(items, direction),
    });
    const server = await sync.stores.servers.create(
      exchangeServerInputSchema.parse({ name: 'memory', type: 'on-premises', ewsUrl: 'https://exchange.invalid/EWS/Exchange.asmx', version: 'Exchange2016', auth: { method: 'basic', username: 'svc', password: 'unused' } }),
    );
    const account = await sync.stores.accounts.create(mailboxAccountInputSchema.parse({ userId: ownerId, mailbox: MAILBOX, serverId: server.id }));
    const everything = { create: true, change: true, delete: true, overwrite: false };
    await sync.stores.rules.create(
      syncRuleInputSchema.parse({
        description: 'memory',
        validity: { scope: 'all' },
        dataType: 'contacts',
        master: 'crm',
        crmToExchange: everything,
        exchangeToCrm: everything,
        folders: [{ kind: 'well-known', name: 'contacts' }],
        options: { initialImportSince: '2000-01-01T00:00:00.000Z' },
      }),
    );
    if (direction === 'crm-to-exchange') await seedCrmContacts(db, items, ownerId);
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    const started = performance.now();
    const outcome = await sync.engine.syncMailbox(account.id, true);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const created = outcome.status === 'skipped' ? 0 : outcome.counts.created;
    const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
    process.stdout.write(`${JSON.stringify({ items, direction, dialect: db.dialect, created, seconds: (performance.now() - started) / 1000, baselineMb: mb(baseline), peakMb: mb(peak), status: outcome.status })}\n`);
  } finally {
    await db.close();
    await drop();
  }
}

await main();

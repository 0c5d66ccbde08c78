import pg from 'pg';
import { pino } from 'pino';
import { startSandbox } from '../sandbox/index';
import { syncRuleInputSchema, type SyncRule, type SyncDataType } from '../shared/admin/sync-rule.schema';
import type { ExchangeConnection, ExchangeGateway, ItemVersion, Outcome } from '../server/src/exchange/exchange-gateway';
import { createEwsGateway } from '../server/src/exchange/ews-gateway/ews.gateway';
import { createSyncCycle } from '../server/src/jobs/sync-cycle.service';
import { createMailboxSync } from '../server/src/sync/mailbox-sync.service';
import type { SyncStateStore } from '../server/src/sync/sync-state.port';
import { createSqlSyncStateStore } from '../server/src/sync/sql/sql-sync-state.store';
import { migrate } from '../server/src/db/migrate';
import { openDatabase } from '../server/src/db/open-database';
import { FakeCrm } from '../test/sync/support/fake-crm.port';
import { FakeExchange } from '../test/sync/support/fake-exchange.gateway';
import { MemoryConfig, MemoryLogStore, MemoryStateStore, MemoryStatusStore } from '../test/sync/support/memory-stores';
import { makeContact } from '../test/sync/support/neutral-fixtures';

const everything = { create: true, change: true, delete: true, overwrite: false };
const ruleCreatedAt = '2020-01-01T00:00:00.000Z';
const log = (line: string): void => console.log(`  ${line}`);

function rule(id: string, dataType: SyncDataType, folder: 'contacts' | 'calendar' | 'tasks'): SyncRule {
  const parsed = syncRuleInputSchema.parse({ description: id, validity: { scope: 'all' }, dataType, master: 'crm', crmToExchange: everything, exchangeToCrm: everything, folders: [{ kind: 'well-known', name: folder }] });
  return { ...parsed, id, createdAt: ruleCreatedAt, updatedAt: ruleCreatedAt };
}

function engineOver(config: MemoryConfig, crm: FakeCrm, gateway: ExchangeGateway, state: SyncStateStore = new MemoryStateStore()) {
  return createMailboxSync({ config, crm, state, log: new MemoryLogStore(), statuses: new MemoryStatusStore(), gatewayFor: () => gateway, logger: pino({ level: 'silent' }), now: () => new Date(), random: Math.random });
}

function addAccount(config: MemoryConfig, index: number, connection: ExchangeConnection): { id: string; mailbox: string } {
  const mailbox = `user${index}@contoso.example`;
  config.accounts.set(`acc-${index}`, { id: `acc-${index}`, userId: `user${index}`, mailbox, active: true, serverId: 's', authFailurePolicy: null, connection });
  return { id: `acc-${index}`, mailbox };
}

const fakeConnection: ExchangeConnection = { serverId: 's', serverType: 'on-premises', ewsUrl: 'https://fake', version: 'Exchange2016', alternativeLoginName: null, auth: { method: 'basic', username: 'u', password: 'p' } };

/** Round trips of an idle incremental cycle over real EWS (sandbox) against one SyncFolderItems per folder. */
async function benchIdleCycle(): Promise<void> {
  const sandbox = await startSandbox();
  try {
    const mailbox = 'user0@contoso.example';
    sandbox.control.addMailbox({ smtpAddress: mailbox });
    sandbox.control.grantImpersonation(mailbox);
    const connection: ExchangeConnection = { ...fakeConnection, ewsUrl: sandbox.ewsUrl, auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } };
    const gateway = createEwsGateway(connection, { defaultTimeZone: 'Europe/Berlin', caCertPem: sandbox.caCertPem });
    const config = new MemoryConfig();
    config.rules = [rule('c', 'contacts', 'contacts'), rule('a', 'appointments', 'calendar'), rule('t', 'tasks', 'tasks')];
    addAccount(config, 0, connection);
    const crm = new FakeCrm();
    for (let i = 0; i < 50; i++) crm.userCreate('contacts', makeContact({ surname: `S${i}` }));
    const engine = engineOver(config, crm, gateway);
    // The first run writes; the second reads those writes back once as echoes; the third is idle.
    await engine.syncMailbox('acc-0', true);
    await engine.syncMailbox('acc-0', true);
    sandbox.control.resetCounters();
    await engine.syncMailbox('acc-0', true);
    const calls = sandbox.control.counters();
    const folders = config.rules.length;
    log(`idle incremental cycle: ${calls.total} EWS round trips for ${folders} folders (${JSON.stringify(calls.byOperation)}); lower bound ${folders}; ratio ${(calls.total / folders).toFixed(2)}× (goal ≤ 1.2×)`);
    gateway.close();
  } finally {
    await sandbox.close();
  }
}

/** The port with a fixed network latency per call, standing in for a distant Exchange. */
function withLatency(gateway: ExchangeGateway, latencyMs: number, counter: { calls: number }): ExchangeGateway {
  const delay = async <T>(call: () => Promise<T>): Promise<T> => {
    counter.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return call();
  };
  return {
    listFolders: (m) => delay(() => gateway.listFolders(m)),
    syncFolder: (m, f, t, c, n) => delay(() => gateway.syncFolder(m, f, t, c, n)),
    getItems: (m, t, ids) => delay(() => gateway.getItems(m, t, ids)),
    createItems: (m, f, items) => delay(() => gateway.createItems(m, f, items)),
    updateItems: (m, u) => delay(() => gateway.updateItems(m, u)),
    deleteItems: (m, ids) => delay(() => gateway.deleteItems(m, ids)),
    findByCrmIds: (m, f, ids) => delay(() => gateway.findByCrmIds(m, f, ids)),
  };
}

/** 1,000 idle mailboxes behind 20 ms of latency: wall time against calls × latency ÷ concurrency. */
async function benchIdleMailboxes(): Promise<void> {
  const mailboxes = 1000;
  const latencyMs = 20;
  const concurrency = 16;
  const fake = new FakeExchange();
  const counter = { calls: 0 };
  const gateway = withLatency(fake, latencyMs, counter);
  const config = new MemoryConfig();
  config.rules = [rule('c', 'contacts', 'contacts')];
  for (let i = 0; i < mailboxes; i++) fake.addMailbox(addAccount(config, i, fakeConnection).mailbox);
  const engine = engineOver(config, new FakeCrm(), gateway);
  const cycle = createSyncCycle({ listActiveAccounts: async () => [...config.accounts.keys()].map((accountId) => ({ accountId, serverId: 's' })), syncMailbox: engine.syncMailbox, concurrency, perServerConcurrency: concurrency });
  await cycle.runCycle(true);
  counter.calls = 0;
  const started = performance.now();
  await cycle.runCycle(true);
  const elapsed = performance.now() - started;
  const bound = (counter.calls * latencyMs) / concurrency;
  log(`${mailboxes} idle mailboxes, ${latencyMs} ms per call, ${concurrency} in flight: ${counter.calls} calls in ${elapsed.toFixed(0)} ms; lower bound ${bound.toFixed(0)} ms; ratio ${(elapsed / bound).toFixed(2)}× (goal ≤ 1.2×)`);
}

/** Initial sync of 10,000 CRM contacts into a mailbox over real EWS: round trips against the minimum. */
async function benchInitialSync(): Promise<void> {
  const contacts = Number(process.env.BENCH_SYNC_CONTACTS ?? 10_000);
  const sandbox = await startSandbox();
  try {
    const mailbox = 'user0@contoso.example';
    sandbox.control.addMailbox({ smtpAddress: mailbox });
    sandbox.control.grantImpersonation(mailbox);
    const connection: ExchangeConnection = { ...fakeConnection, ewsUrl: sandbox.ewsUrl, auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } };
    const gateway = createEwsGateway(connection, { defaultTimeZone: 'Europe/Berlin', caCertPem: sandbox.caCertPem });
    const config = new MemoryConfig();
    config.rules = [rule('c', 'contacts', 'contacts')];
    addAccount(config, 0, connection);
    const crm = new FakeCrm();
    for (let i = 0; i < contacts; i++) crm.userCreate('contacts', makeContact({ surname: `S${i}`, emails: [`c${i}@example.test`] }));
    const engine = engineOver(config, crm, gateway);
    sandbox.control.resetCounters();
    const started = performance.now();
    const outcome = await engine.syncMailbox('acc-0', true);
    const elapsed = performance.now() - started;
    const calls = sandbox.control.counters();
    const bound = Math.ceil(contacts / 10) + 1;
    const created = outcome.status === 'skipped' ? 0 : outcome.counts.created;
    log(`initial sync of ${contacts} contacts: ${created} created with ${calls.total} EWS round trips in ${(elapsed / 1000).toFixed(1)} s (${JSON.stringify(calls.byOperation)}); lower bound ${bound} (CreateItem of 10 + one SyncFolderItems); ratio ${(calls.total / bound).toFixed(2)}× (goal ≤ 1.2×)`);
    gateway.close();
  } finally {
    await sandbox.close();
  }
}

/** An Exchange that accepts writes without keeping them, so memory measures the engine, not the stand-in. */
function sinkGateway(): ExchangeGateway {
  let next = 0;
  const empty = { changes: [], cursor: 'c', more: false };
  return {
    listFolders: async (m) => [{ id: `${m}/contacts`, parentId: null, displayName: 'Contacts', path: ['Contacts'], folderClass: 'contacts', wellKnownName: 'contacts' }],
    syncFolder: async () => empty,
    getItems: async () => [],
    createItems: async (_m, _f, items) => items.map((): Outcome<ItemVersion> => ({ ok: true, value: { id: `i${(next += 1)}`, changeKey: 'k' } })),
    updateItems: async (_m, updates) => updates.map((u): Outcome<ItemVersion> => ({ ok: true, value: { id: u.id, changeKey: 'k2' } })),
    deleteItems: async (_m, ids) => ids.map((): Outcome<null> => ({ ok: true, value: null })),
    findByCrmIds: async () => [],
  };
}

/** Peak RSS while 100,000 CRM records are synced into a mailbox, pairs kept in PostgreSQL. */
async function benchPeakMemory(): Promise<void> {
  const items = Number(process.env.BENCH_SYNC_RSS_ITEMS ?? 100_000);
  const url = process.env.TANDEM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  // A schema of its own, dropped afterwards, so the benchmark never touches other data.
  const schema = `bench_sync_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  const onServer = await admin.connect().then(
    async () => {
      await admin.query(`CREATE SCHEMA ${schema}`);
      return true;
    },
    () => false,
  );
  const db = onServer ? await openDatabase({ url, schema }) : await openDatabase({ dataDir: `/tmp/tandem-bench-${Date.now()}` });
  try {
    await migrate(db);
    await db.query(`INSERT INTO exchange_servers (id, name, type, ews_url, version, auth, created_at, updated_at) VALUES ('s', 's', 'on-premises', 'https://x', 'Exchange2016', '{}', now(), now())`);
    await db.query(`INSERT INTO mailbox_accounts (id, user_id, mailbox, server_id, active, created_at, updated_at) VALUES ('acc-0', 'user0', 'user0@contoso.example', 's', true, now(), now())`);
    const config = new MemoryConfig();
    config.rules = [rule('c', 'contacts', 'contacts')];
    addAccount(config, 0, fakeConnection);
    const crm = new FakeCrm();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const crmData = { before: process.memoryUsage().rss };
    for (let i = 0; i < items; i++) crm.userCreate('contacts', makeContact({ surname: `S${i}` }));
    const afterCrm = process.memoryUsage().rss;
    const engine = engineOver(config, crm, sinkGateway(), createSqlSyncStateStore(db));
    const started = performance.now();
    const outcome = await engine.syncMailbox('acc-0', true);
    clearInterval(sampler);
    const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    const created = outcome.status === 'skipped' ? 0 : outcome.counts.created;
    log(`initial sync of ${items} items (${db.dialect} state): ${created} created in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${mb(baseline)} at start, ${mb(afterCrm)} with the in-memory CRM stand-in (+${mb(afterCrm - crmData.before)}), peak ${mb(peak)} (goal < 300 MB)`);
  } finally {
    await db.close();
    if (onServer) {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
}

/** `npm run bench` entry for the sync engine. */
export async function runSyncBench(): Promise<void> {
  await benchIdleCycle();
  await benchIdleMailboxes();
  await benchInitialSync();
  await benchPeakMemory();
}

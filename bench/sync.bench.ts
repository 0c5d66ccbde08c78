import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startSandbox } from '../sandbox/index';
import { syncRuleInputSchema, type SyncRule, type SyncDataType } from '../shared/admin/sync-rule.schema';
import type { ExchangeConnection, ExchangeGateway } from '../server/src/exchange/exchange-gateway';
import { createEwsGateway } from '../server/src/exchange/ews-gateway/ews.gateway';
import { createSyncCycle } from '../server/src/jobs/sync-cycle.service';
import { createMailboxSync } from '../server/src/sync/mailbox-sync.service';
import type { SyncStateStore } from '../server/src/sync/sync-state.port';
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

interface MemoryMeasurement {
  readonly items: number;
  readonly direction: string;
  readonly dialect: string;
  readonly created: number;
  readonly seconds: number;
  readonly baselineMb: number;
  readonly peakMb: number;
}

/** One initial sync in a fresh process (bench/sync-memory.worker.ts), so no other benchmark's heap is counted. */
function measureInChild(items: number, direction: 'crm-to-exchange' | 'exchange-to-crm'): MemoryMeasurement {
  const worker = fileURLToPath(new URL('./sync-memory.worker.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', worker, String(items), direction], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = output.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as MemoryMeasurement;
}

/**
 * Peak RSS of an initial sync through the whole product path (sync module, CRM store, SQL
 * state and log), at a small and the full size: "flat" means the peak does not grow with
 * the mailbox. CRM → Exchange at 100,000 items; Exchange → CRM (every item a CRM write) at
 * a tenth of that unless BENCH_SYNC_RSS_IMPORT_ITEMS says otherwise, to keep the run short.
 */
function benchPeakMemory(): void {
  const items = Number(process.env.BENCH_SYNC_RSS_ITEMS ?? 100_000);
  const imports = Number(process.env.BENCH_SYNC_RSS_IMPORT_ITEMS ?? items / 10);
  const runs: Array<[number, 'crm-to-exchange' | 'exchange-to-crm']> = [
    [items / 10, 'crm-to-exchange'],
    [items, 'crm-to-exchange'],
    [imports / 10, 'exchange-to-crm'],
    [imports, 'exchange-to-crm'],
  ];
  const byDirection = new Map<string, MemoryMeasurement[]>();
  for (const [size, direction] of runs) {
    const m = measureInChild(size, direction);
    byDirection.set(direction, [...(byDirection.get(direction) ?? []), m]);
    log(`initial sync ${direction}, ${m.items} contacts (${m.dialect}): ${m.created} created in ${m.seconds.toFixed(1)} s (${((m.seconds * 1000) / Math.max(1, m.created)).toFixed(2)} ms per item); RSS ${m.baselineMb} MB before, peak ${m.peakMb} MB (goal < 300 MB)`);
  }
  for (const [direction, [small, large]] of byDirection) {
    if (!small || !large) continue;
    log(`${direction}: peak RSS ${small.peakMb} MB at ${small.items} items, ${large.peakMb} MB at ${large.items} items: ${large.peakMb - small.peakMb >= 0 ? '+' : ''}${large.peakMb - small.peakMb} MB for ${large.items / small.items}× the items (flat ⇔ ≈ 0)`);
  }
}

/** `npm run bench` entry for the sync engine. */
export async function runSyncBench(): Promise<void> {
  await benchIdleCycle();
  await benchIdleMailboxes();
  await benchInitialSync();
  benchPeakMemory();
}

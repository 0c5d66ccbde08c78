import type { SyncDataType } from '../../../shared/admin/sync-rule.schema';
import type { NeutralItem } from '../../../server/src/exchange/exchange-items';
import { belongsToUser } from '../../../server/src/sync/crm-filter.policy';
import { changedFields } from '../../../server/src/sync/neutral-diff';
import { makeAppointment, makeContact, makeTask } from './neutral-fixtures';
import { SyncHarness } from './sync-harness';

export interface ChaosOptions {
  readonly seed: number;
  /** User edits on both sides together. */
  readonly operations: number;
  /** Probability that an Exchange call (or an item in a batch) fails. */
  readonly faultRate: number;
  /** Times the backend is killed in the middle of a run and started again. */
  readonly restarts: number;
  readonly mailboxes: number;
}

export interface ChaosReport {
  readonly operations: number;
  readonly crmEdits: number;
  readonly exchangeEdits: number;
  readonly syncRuns: number;
  readonly failedRuns: number;
  readonly restarts: number;
  readonly exchangeCalls: number;
  /** Calls and batch items that failed by injection, over all calls made while faults were on. */
  readonly injectedFaults: number;
  readonly faultyCalls: number;
  readonly cleanCyclesUntilQuiet: number;
  readonly records: number;
  readonly mismatches: string[];
}

/** Thrown instead of finishing a call once the simulated backend process is dead. */
export class Crash extends Error {
  override readonly name = 'Crash';
}

/** mulberry32: small, seedable, good enough to make a run reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every method throws Crash while the process is dead, like a killed backend's pending writes. */
function guarded<T extends object>(target: T, isDead: () => boolean): T {
  return new Proxy(target, {
    get(obj, property, receiver) {
      const value: unknown = Reflect.get(obj, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isDead()) throw new Crash('backend killed');
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

const dataTypes: readonly SyncDataType[] = ['contacts', 'appointments', 'tasks'];
const folderOf: Record<SyncDataType, string> = { contacts: 'contacts', appointments: 'calendar', tasks: 'tasks' };

function pick<T>(random: () => number, list: readonly T[]): T | undefined {
  return list.length === 0 ? undefined : list[Math.floor(random() * list.length)];
}

function newValues(random: () => number, dataType: SyncDataType, n: number): NeutralItem {
  if (dataType === 'contacts') return makeContact({ surname: `S${n}`, jobTitle: `J${Math.floor(random() * 1000)}` });
  if (dataType === 'tasks') return makeTask({ subject: `T${n}`, percentComplete: Math.floor(random() * 100) });
  const day = String(1 + Math.floor(random() * 27)).padStart(2, '0');
  return makeAppointment({ subject: `A${n}`, iCalUId: `uid-${n}`, start: { dateTime: `2027-02-${day}T09:00:00`, timeZone: 'Europe/Berlin' }, end: { dateTime: `2027-02-${day}T10:00:00`, timeZone: 'Europe/Berlin' } });
}

function patchFor(random: () => number, dataType: SyncDataType): Partial<NeutralItem> {
  const token = `v${Math.floor(random() * 100_000)}`;
  if (dataType === 'contacts') return random() < 0.5 ? { jobTitle: token } : { department: token };
  if (dataType === 'tasks') return random() < 0.5 ? { percentComplete: Math.floor(random() * 100) } : { subject: token };
  return random() < 0.5 ? { location: token } : { subject: token };
}

/**
 * Seeded chaos: user edits on both sides, sync runs with injected Exchange faults, and
 * kills of the backend in the middle of runs; then faults stop, clean cycles run until
 * nothing more changes, and both sides are compared record by record.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const random = seededRandom(options.seed);
  const h = new SyncHarness();
  const users = Array.from({ length: options.mailboxes }, (_, i) => `user${i}`);
  const accounts = users.map((user) => h.addAccount(user));
  h.addRule({ dataType: 'contacts', master: 'crm' });
  h.addRule({ dataType: 'tasks', master: 'exchange' });
  h.addRule({ dataType: 'appointments', master: 'crm' });

  let dead = false;
  let killCountdown: number | null = null;
  const start = (): void => {
    dead = false;
    h.startEngine({ state: guarded(h.state, () => dead), log: guarded(h.log, () => dead), statuses: guarded(h.statuses, () => dead), crm: guarded(h.crm, () => dead), exchange: h.exchange });
  };
  h.exchange.beforeCall = () => {
    if (dead) throw new Crash('backend killed');
    if (killCountdown !== null && --killCountdown <= 0) {
      killCountdown = null;
      dead = true;
      throw new Crash('backend killed');
    }
  };
  start();
  h.exchange.chaos = { random, rate: options.faultRate };

  const plannedRuns = Math.max(options.restarts * 2, Math.ceil(options.operations / 8));
  const killRuns = new Set<number>();
  while (killRuns.size < Math.min(options.restarts, plannedRuns)) killRuns.add(Math.floor(random() * plannedRuns));
  let crmEdits = 0;
  let exchangeEdits = 0;
  let syncRuns = 0;
  let failedRuns = 0;
  let restarts = 0;
  let counter = 0;

  const runOnce = async (accountId: string): Promise<void> => {
    if (killRuns.has(syncRuns)) killCountdown = 1 + Math.floor(random() * 30);
    syncRuns += 1;
    try {
      const outcome = await h.run(accountId, true);
      if (outcome.status === 'failed') failedRuns += 1;
    } catch (error) {
      if (!(error instanceof Crash)) throw error;
      restarts += 1;
      killCountdown = null;
      start();
    }
  };

  for (let op = 0; op < options.operations; op++) {
    const dataType = pick(random, dataTypes) ?? 'contacts';
    counter += 1;
    if (random() < 0.5) {
      crmEdits += 1;
      const ids = h.crm.ids(dataType);
      const roll = random();
      const target = pick(random, ids);
      if (roll < 0.5 || !target) h.crm.userCreate(dataType, newValues(random, dataType, counter), { userIds: dataType === 'contacts' ? [] : [pick(random, users) ?? 'user0'] });
      else if (roll < 0.85) h.crm.userUpdate(dataType, target, patchFor(random, dataType));
      else h.crm.userDelete(dataType, target);
    } else {
      exchangeEdits += 1;
      const account = pick(random, accounts) ?? accounts[0];
      if (!account) break;
      const folder = h.exchange.folderId(account.mailbox, folderOf[dataType]);
      const items = h.exchange.itemsIn(folder);
      const roll = random();
      const target = pick(random, items);
      if (roll < 0.5 || !target) h.exchange.userCreate(account.mailbox, folder, newValues(random, dataType, counter));
      else if (roll < 0.85) h.exchange.userUpdate(target.id, patchFor(random, dataType));
      else h.exchange.userDelete(target.id);
    }
    if (op % 8 === 7) await runOnce(pick(random, accounts)?.accountId ?? 'acc-user0');
  }
  while (restarts < options.restarts) {
    killCountdown = 1 + Math.floor(random() * 10);
    await runOnce(pick(random, accounts)?.accountId ?? 'acc-user0');
  }

  const faultyCalls = [...h.exchange.calls.values()].reduce((sum, n) => sum + n, 0);
  const injectedFaults = h.exchange.injectedFaults;
  h.exchange.chaos = null;
  h.exchange.beforeCall = null;
  dead = false;
  start();
  let cleanCycles = 0;
  for (; cleanCycles < 6; cleanCycles++) {
    let writes = 0;
    for (const account of accounts) {
      const outcome = await h.run(account.accountId, true);
      if (outcome.status !== 'skipped') writes += outcome.counts.created + outcome.counts.changed + outcome.counts.deleted + outcome.counts.failed;
    }
    if (writes === 0) break;
  }

  const mismatches = compareSides(h, users, accounts);
  const exchangeCalls = [...h.exchange.calls.values()].reduce((sum, n) => sum + n, 0);
  const records = dataTypes.reduce((sum, dataType) => sum + h.crm.ids(dataType).length, 0);
  return { operations: options.operations, crmEdits, exchangeEdits, syncRuns, failedRuns, restarts, exchangeCalls, injectedFaults, faultyCalls, cleanCyclesUntilQuiet: cleanCycles, records, mismatches };
}

function compareSides(h: SyncHarness, users: readonly string[], accounts: ReadonlyArray<{ accountId: string; mailbox: string }>): string[] {
  const mismatches: string[] = [];
  for (const [i, account] of accounts.entries()) {
    const user = users[i] ?? '';
    for (const dataType of dataTypes) {
      const items = h.exchange.itemsIn(h.exchange.folderId(account.mailbox, folderOf[dataType]));
      const expected = new Map<string, NeutralItem>();
      for (const id of h.crm.ids(dataType)) {
        const record = h.crm.records.get(dataType)?.get(id);
        if (record && belongsToUser({ id, values: record.values, userIds: record.userIds, filterValues: record.filterValues }, user)) expected.set(id, record.values);
      }
      const seen = new Set<string>();
      for (const item of items) {
        if (!item.crmId) mismatches.push(`${account.mailbox} ${dataType}: item ${item.id} has no CRM record`);
        else if (seen.has(item.crmId)) mismatches.push(`${account.mailbox} ${dataType}: CRM record ${item.crmId} appears twice`);
        else if (!expected.has(item.crmId)) mismatches.push(`${account.mailbox} ${dataType}: item ${item.id} points at missing CRM record ${item.crmId}`);
        // Bodies count as equal when their readable text is (B7: the CRM keeps HTML bodies as plain text).
        else if (changedFields(expected.get(item.crmId) ?? null, item.data).length > 0) mismatches.push(`${account.mailbox} ${dataType}: ${item.crmId} differs`);
        if (item.crmId) seen.add(item.crmId);
      }
      for (const id of expected.keys()) if (!seen.has(id)) mismatches.push(`${account.mailbox} ${dataType}: CRM record ${id} missing in Exchange`);
    }
  }
  return mismatches;
}

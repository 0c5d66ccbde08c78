import { pino } from 'pino';
import { startSandbox } from '../../../sandbox/index';
import { syncRuleInputSchema, type SyncRule } from '../../../shared/admin/sync-rule.schema';
import { createCrmStore } from '../../../server/src/crm/crm-store';
import type { WriteContext } from '../../../server/src/crm/viewer';
import type { Database } from '../../../server/src/db/database';
import { migrate } from '../../../server/src/db/migrate';
import { openDatabase } from '../../../server/src/db/open-database';
import type { ExchangeConnection, ExchangeGateway } from '../../../server/src/exchange/exchange-gateway';
import type { NeutralContact } from '../../../server/src/exchange/exchange-items';
import { createEwsGateway } from '../../../server/src/exchange/ews-gateway/ews.gateway';
import { createCrmSyncAdapter } from '../../../server/src/sync/crm-adapter/crm-sync.adapter';
import { createMailboxSync, type MailboxSync } from '../../../server/src/sync/mailbox-sync.service';
import { createSqlMailboxStatusStore, createSqlSyncLogStore } from '../../../server/src/sync/sql/sql-sync-log.store';
import { createSqlSyncStateStore } from '../../../server/src/sync/sql/sql-sync-state.store';
import { Crash, seededRandom } from './chaos';
import { MemoryConfig } from './memory-stores';

export interface SandboxChaosOptions {
  readonly seed: number;
  readonly operations: number;
  /** Per-call probability of each of HTTP 500, HTTP 503 and ErrorServerBusy. */
  readonly faultProbability: number;
  readonly restarts: number;
}

export interface SandboxChaosReport {
  readonly restarts: number;
  readonly syncRuns: number;
  readonly ewsCalls: number;
  readonly injectedFaults: number;
  readonly contacts: number;
  readonly mismatches: string[];
}

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

const compared = (contact: NeutralContact) => ({ givenName: contact.givenName, surname: contact.surname, jobTitle: contact.jobTitle });

/**
 * Chaos against the real stack: CRM store and SQL sync state on PGlite, the EWS adapter
 * over HTTPS to the sandbox with seeded faults, and the backend killed mid-run (every
 * later call of the dead process fails) and restarted over the persisted state.
 */
export async function runSandboxChaos(options: SandboxChaosOptions): Promise<SandboxChaosReport> {
  const random = seededRandom(options.seed);
  const sandbox = await startSandbox({ faultSeed: options.seed });
  const db: Database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(db);
    const mailboxes = ['anna@contoso.example', 'ben@contoso.example'];
    const crm = createCrmStore(db);
    const system: WriteContext = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true, origin: 'api' };
    const config = new MemoryConfig();
    const parsed = syncRuleInputSchema.parse({
      description: 'contacts',
      validity: { scope: 'all' },
      dataType: 'contacts',
      master: 'crm',
      crmToExchange: { create: true, change: true, delete: true, overwrite: false },
      exchangeToCrm: { create: true, change: true, delete: true, overwrite: false },
      folders: [{ kind: 'well-known', name: 'contacts' }],
    });
    const rule: SyncRule = { ...parsed, id: 'r', createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z' };
    config.rules = [rule];
    const connection: ExchangeConnection = { serverId: 's', serverType: 'on-premises', ewsUrl: sandbox.ewsUrl, version: 'Exchange2016', alternativeLoginName: null, auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } };
    await db.query(`INSERT INTO exchange_servers (id, name, type, ews_url, version, auth, created_at, updated_at) VALUES ('s', 's', 'on-premises', 'https://x', 'Exchange2016', '{}', now(), now())`);
    for (const [i, mailbox] of mailboxes.entries()) {
      sandbox.control.addMailbox({ smtpAddress: mailbox });
      sandbox.control.grantImpersonation(mailbox);
      const user = await crm.users.create(system, { email: mailbox, displayName: mailbox, isAdmin: false });
      config.accounts.set(`acc-${i}`, { id: `acc-${i}`, userId: user.id, mailbox, active: true, serverId: 's', authFailurePolicy: null, connection });
      await db.query(`INSERT INTO mailbox_accounts (id, user_id, mailbox, server_id, active, created_at, updated_at) VALUES ($1, $2, $3, 's', true, now(), now())`, [`acc-${i}`, user.id, mailbox]);
    }
    const gateway = createEwsGateway(connection, { defaultTimeZone: 'Europe/Berlin', caCertPem: sandbox.caCertPem });
    let dead = false;
    let killCountdown: number | null = null;
    const killable: ExchangeGateway = new Proxy(gateway, {
      get(obj, property, receiver) {
        const value: unknown = Reflect.get(obj, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (!dead && killCountdown !== null && --killCountdown <= 0) {
            killCountdown = null;
            dead = true;
          }
          if (dead) throw new Crash('backend killed');
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      },
    });
    const adapter = createCrmSyncAdapter(crm, { timeZone: 'Europe/Berlin' });
    const start = (): MailboxSync => {
      dead = false;
      const alive = () => dead;
      return createMailboxSync({
        config,
        crm: guarded(adapter, alive),
        state: guarded(createSqlSyncStateStore(db), alive),
        log: guarded(createSqlSyncLogStore(db), alive),
        statuses: guarded(createSqlMailboxStatusStore(db), alive),
        gatewayFor: () => killable,
        logger: pino({ level: 'silent' }),
        now: () => new Date(),
        random,
      });
    };
    let engine = start();
    const api = (i: number): WriteContext => ({ userId: config.accounts.get(`acc-${i}`)?.userId ?? '', isAdmin: true, origin: 'api' });
    const p = options.faultProbability;
    sandbox.control.injectFaults({ probabilities: { http500: p, http503: p, serverBusy: p }, backOffMilliseconds: 1, seed: options.seed });

    let restarts = 0;
    let syncRuns = 0;
    const plannedRuns = Math.ceil(options.operations / 10);
    const killRuns = new Set<number>();
    while (killRuns.size < Math.min(options.restarts, plannedRuns)) killRuns.add(Math.floor(random() * plannedRuns));
    const run = async (accountId: string): Promise<void> => {
      if (killRuns.has(syncRuns)) killCountdown = 1 + Math.floor(random() * 8);
      syncRuns += 1;
      try {
        await engine.syncMailbox(accountId, true);
      } catch (error) {
        if (!(error instanceof Crash)) throw error;
        restarts += 1;
        killCountdown = null;
        engine = start();
      }
    };

    const crmIds: string[] = [];
    for (let op = 0; op < options.operations; op++) {
      const who = Math.floor(random() * mailboxes.length);
      const mailbox = mailboxes[who] ?? '';
      const roll = random();
      const token = `v${Math.floor(random() * 1e6)}`;
      if (random() < 0.5) {
        const target = crmIds[Math.floor(random() * crmIds.length)];
        if (roll < 0.5 || !target) crmIds.push((await crm.contacts.create(api(who), { firstName: 'C', lastName: `L${op}`, jobTitle: token, emails: [], phones: [], notes: '' })).id);
        else if (roll < 0.85) await crm.contacts.update(api(who), target, { jobTitle: token }).catch(() => undefined);
        else await crm.contacts.remove(api(who), target).catch(() => undefined);
      } else {
        const items = sandbox.control.listItems(mailbox, 'contacts');
        const target = items[Math.floor(random() * items.length)];
        if (roll < 0.5 || !target) sandbox.control.createItem(mailbox, { folder: 'contacts', kind: 'Contact', fields: { GivenName: 'X', Surname: `S${op}`, JobTitle: token } });
        else if (roll < 0.85) sandbox.control.updateItem(mailbox, target.id, { fields: { JobTitle: token } });
        else sandbox.control.deleteItem(mailbox, target.id);
      }
      if (op % 10 === 9) await run(`acc-${Math.floor(random() * mailboxes.length)}`);
    }
    while (restarts < options.restarts) {
      killCountdown = 1 + Math.floor(random() * 4);
      await run('acc-0');
    }
    const faults = sandbox.control.counters();
    sandbox.control.clearFaults();
    killCountdown = null;
    engine = start();
    for (let cycle = 0; cycle < 4; cycle++) for (const accountId of config.accounts.keys()) await engine.syncMailbox(accountId, true);

    const mismatches: string[] = [];
    const records = await crm.contacts.list({ userId: system.userId, isAdmin: true }, { limit: 200 });
    let all = records.items;
    for (let cursor = records.nextCursor; cursor; ) {
      const page = await crm.contacts.list({ userId: system.userId, isAdmin: true }, { limit: 200, cursor });
      all = [...all, ...page.items];
      cursor = page.nextCursor;
    }
    const expected = new Map(all.map((contact) => [contact.id, { givenName: contact.firstName, surname: contact.lastName, jobTitle: contact.jobTitle ?? '' }]));
    for (const mailbox of mailboxes) {
      const folder = (await gateway.listFolders(mailbox)).find((f) => f.wellKnownName === 'contacts')?.id ?? '';
      const seen = new Map<string, ReturnType<typeof compared>>();
      for (let batch = await gateway.syncFolder(mailbox, folder, 'contact', null, 512); ; batch = await gateway.syncFolder(mailbox, folder, 'contact', batch.cursor, 512)) {
        for (const change of batch.changes) {
          if (change.type !== 'upsert' || change.item.data.type !== 'contact') continue;
          const id = change.item.crmId;
          if (!id) mismatches.push(`${mailbox}: item ${change.item.id} has no CRM record`);
          else if (seen.has(id)) mismatches.push(`${mailbox}: CRM record ${id} appears twice`);
          else seen.set(id, compared(change.item.data));
        }
        if (!batch.more) break;
      }
      for (const [id, values] of expected) {
        const item = seen.get(id);
        if (!item) mismatches.push(`${mailbox}: CRM record ${id} missing in Exchange`);
        else if (JSON.stringify(item) !== JSON.stringify(values)) mismatches.push(`${mailbox}: ${id} differs: ${JSON.stringify(item)} vs ${JSON.stringify(values)}`);
      }
      for (const id of seen.keys()) if (!expected.has(id)) mismatches.push(`${mailbox}: item for deleted CRM record ${id}`);
    }
    gateway.close();
    const injectedFaults = Object.values(faults.faults).reduce((sum, n) => sum + n, 0);
    return { restarts, syncRuns, ewsCalls: faults.total, injectedFaults, contacts: expected.size, mismatches };
  } finally {
    await db.close();
    await sandbox.close();
  }
}

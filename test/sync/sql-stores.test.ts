import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/db/migrate';
import { availableBackends, openTestDatabase, type TestDatabase } from '../support/test-databases';
import { createSqlSyncStateStore } from '../../server/src/sync/sql/sql-sync-state.store';
import { createSqlMailboxStatusStore, createSqlSyncLogStore } from '../../server/src/sync/sql/sql-sync-log.store';
import type { SqlClient } from '../../server/src/sync/sql/sql-client';
import { SyncHarness } from './support/sync-harness';
import { makeContact } from './support/neutral-fixtures';

const backends = await availableBackends();

describe.each(backends)('engine on the SQL stores (%s)', (backend) => {
  let test: TestDatabase;
  let db: SqlClient & TestDatabase['db'];

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    db = test.db;
    await migrate(db);
  });
  afterAll(async () => {
    await test.dispose();
  });
  beforeEach(async () => {
    await db.exec('TRUNCATE sync_pairs, sync_folder_states, sync_journal_cursors, sync_pending, sync_log, sync_runs, mailbox_status, mailbox_accounts, exchange_servers CASCADE');
    await db.query(`INSERT INTO exchange_servers (id, name, type, ews_url, version, auth, created_at, updated_at) VALUES ('srv', 's', 'on-premises', 'https://x', 'Exchange2016', '{}', now(), now())`);
    await db.query(`INSERT INTO mailbox_accounts (id, user_id, mailbox, server_id, active, created_at, updated_at) VALUES ('acc-anna', 'anna', 'anna@example.test', 'srv', true, now(), now())`);
  });

  const harness = () => new SyncHarness(createSqlSyncStateStore(db), createSqlSyncLogStore(db), createSqlMailboxStatusStore(db));

  it('round-trips contacts, persists pairs, cursors, runs, log lines and status', async () => {
    const h = harness();
    const anna = h.addAccount('anna');
    h.addRule({ dataType: 'contacts' });
    const contacts = h.exchange.folderId(anna.mailbox, 'contacts');
    const id = h.crm.userCreate('contacts', makeContact());
    h.exchange.userCreate(anna.mailbox, contacts, makeContact({ surname: 'FromOutlook' }));
    expect(await h.run(anna.accountId)).toMatchObject({ status: 'synced', counts: { created: 2 } });
    expect(await h.state.countPairs(anna.accountId)).toBe(2);
    h.exchange.userUpdate(h.exchange.itemsIn(contacts).find((item) => item.crmId === id)?.id ?? '', { jobTitle: 'CTO' });
    await h.run(anna.accountId);
    expect(h.crm.get('contacts', id)).toMatchObject({ jobTitle: 'CTO' });
    const { rows: log } = await db.query<{ action: string; side: string }>('SELECT action, side FROM sync_log ORDER BY id');
    expect(log).toEqual(
      expect.arrayContaining([
        { action: 'create', side: 'exchange' },
        { action: 'create', side: 'crm' },
        { action: 'change', side: 'crm' },
      ]),
    );
    const status = await h.statuses.getStatus(anna.accountId);
    expect(status).toMatchObject({ lastError: null, consecutiveFailures: 0 });
    expect(status?.lastSuccessAt).not.toBeNull();
    expect(await h.state.getJournalCursor(anna.accountId, 'rule-1')).toBeGreaterThan(0);
  });

  it('keeps one pair per item when a pair is re-keyed, and removes old runs by retention', async () => {
    const store = createSqlSyncStateStore(db);
    const base = { accountId: 'acc-anna', dataType: 'contacts' as const, changeKey: 'ck', folderId: 'f', ruleId: 'r', crmSnapshot: makeContact(), exchangeSnapshot: makeContact(), syncedAt: new Date().toISOString() };
    await store.savePair({ ...base, crmId: 'c1', itemId: 'i1' });
    await store.savePair({ ...base, crmId: 'c2', itemId: 'i1' });
    expect((await store.findPairByItemId('acc-anna', 'i1'))?.crmId).toBe('c2');
    expect((await store.findPairByCrmId('acc-anna', 'contacts', 'c1'))?.itemId).toBeNull();
    expect((await store.findPairByCrmId('acc-anna', 'contacts', 'c2'))?.crmSnapshot).toEqual(makeContact());
    const log = createSqlSyncLogStore(db);
    const old = await log.startRun('acc-anna', '2020-01-01T00:00:00Z');
    await log.append([{ runId: old, accountId: 'acc-anna', at: '2020-01-01T00:00:00Z', side: 'crm', action: 'create', dataType: 'contacts', crmId: 'c1', itemId: null, detail: {} }]);
    await log.startRun('acc-anna', new Date().toISOString());
    expect(await log.purgeBefore('2021-01-01T00:00:00Z')).toBe(1);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_log');
    expect(rows[0]?.n).toBe(0);
  });

  it('re-keys a pair while a third pair holds another item, and saves a pair still waiting for its item', async () => {
    const store = createSqlSyncStateStore(db);
    const base = { accountId: 'acc-anna', dataType: 'contacts' as const, changeKey: 'ck', folderId: 'f', ruleId: 'r', crmSnapshot: null, exchangeSnapshot: null, syncedAt: new Date().toISOString() };
    await store.savePair({ ...base, crmId: 'c1', itemId: 'i1' });
    await store.savePair({ ...base, crmId: 'c2', itemId: 'i2' });
    await store.savePair({ ...base, crmId: 'c3', itemId: null });
    await store.savePair({ ...base, crmId: 'c3', itemId: 'i2' });
    await store.savePair({ ...base, crmId: 'c3', itemId: 'i2', changeKey: 'ck2' });
    expect(await store.findPairByItemId('acc-anna', 'i2')).toMatchObject({ crmId: 'c3', changeKey: 'ck2' });
    expect((await store.findPairByCrmId('acc-anna', 'contacts', 'c2'))?.itemId).toBeNull();
    expect((await store.findPairByItemId('acc-anna', 'i1'))?.crmId).toBe('c1');
    expect(await store.countPairs('acc-anna')).toBe(3);
  });

  it('appends a batch of log lines in one go, in order, with their details', async () => {
    const log = createSqlSyncLogStore(db);
    const run = await log.startRun('acc-anna', new Date().toISOString());
    const entries = Array.from({ length: 300 }, (_, i) => ({ runId: run, accountId: 'acc-anna', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), side: i % 2 === 0 ? ('crm' as const) : ('exchange' as const), action: 'create' as const, dataType: 'contacts' as const, crmId: `c${i}`, itemId: i % 3 === 0 ? null : `i${i}`, detail: i === 7 ? { fields: ['surname', 'jobTitle'] } : {} }));
    await log.append(entries);
    await log.append([]);
    const { rows } = await db.query<{ crm_id: string; item_id: string | null; side: string; detail: unknown }>('SELECT crm_id, item_id, side, detail FROM sync_log WHERE run_id = $1 ORDER BY id', [run]);
    expect(rows.map((row) => row.crm_id)).toEqual(entries.map((entry) => entry.crmId));
    expect(rows[3]).toMatchObject({ item_id: null, side: 'exchange' });
    expect(rows[4]).toMatchObject({ item_id: 'i4', side: 'crm' });
    expect(rows[7]?.detail).toEqual({ fields: ['surname', 'jobTitle'] });
  });
});

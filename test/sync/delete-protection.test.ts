import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncRule } from '../../shared/admin/sync-rule.schema';
import { makeContact } from './support/neutral-fixtures';
import { SyncHarness } from './support/sync-harness';

/** C5 optional delete protection: a per-run limit per direction, held deletes wait for the admin. */
describe('delete protection', () => {
  let h: SyncHarness;
  let anna: { accountId: string; mailbox: string };
  let rule: SyncRule;
  const contacts = () => h.exchange.itemsIn(h.exchange.folderId(anna.mailbox, 'contacts'));
  const held = (runId: string) => h.log.entries.filter((entry) => entry.runId === runId && entry.action === 'skipped' && entry.detail['reason'] === 'delete protection');
  const setLimit = (limit: number | null) => {
    h.config.rules = h.config.rules.map((candidate) => (candidate.id === rule.id ? { ...candidate, options: { ...candidate.options, deleteProtection: limit === null ? null : { maxDeletesPerRun: limit } } } : candidate));
  };
  const runId = (outcome: Awaited<ReturnType<SyncHarness['run']>>) => (outcome.status === 'skipped' ? '' : outcome.runId);

  beforeEach(async () => {
    h = new SyncHarness();
    anna = h.addAccount('anna');
    rule = h.addRule({ dataType: 'contacts', options: { deleteProtection: { maxDeletesPerRun: 2 } } as never });
  });

  it('holds back CRM deletions past the limit, shows them in log and status, and lets them through once the admin raises it', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => h.crm.userCreate('contacts', makeContact({ surname: `S${i}` })));
    await h.run(anna.accountId);
    expect(contacts()).toHaveLength(5);

    for (const id of ids.slice(0, 3)) h.crm.userDelete('contacts', id);
    const first = await h.run(anna.accountId);
    expect(first).toMatchObject({ status: 'synced', counts: { deleted: 0 } });
    expect(contacts()).toHaveLength(5);
    expect(held(runId(first)).map((entry) => [entry.side, entry.crmId])).toEqual(ids.slice(0, 3).map((id) => ['exchange', id]));
    expect(await h.statuses.getStatus(anna.accountId)).toMatchObject({ alert: true, lastErrorKind: 'delete-protection', lastError: expect.stringContaining('3 in rule') });

    // Still held on the next run: nothing is forgotten, nothing deleted.
    const second = await h.run(anna.accountId);
    expect(held(runId(second))).toHaveLength(3);
    expect(contacts()).toHaveLength(5);

    setLimit(10);
    expect(await h.run(anna.accountId)).toMatchObject({ status: 'synced', counts: { deleted: 3 } });
    expect(contacts()).toHaveLength(2);
    expect(await h.statuses.getStatus(anna.accountId)).toMatchObject({ alert: false, lastError: null });
  });

  it('holds back Outlook deletions past the limit and re-checks them on every run until protection is switched off', async () => {
    const ids = Array.from({ length: 4 }, (_, i) => h.crm.userCreate('contacts', makeContact({ surname: `S${i}` })));
    await h.run(anna.accountId);
    for (const item of contacts().slice(0, 3)) h.exchange.userDelete(item.id);

    const first = await h.run(anna.accountId);
    expect(held(runId(first)).map((entry) => entry.side)).toEqual(['crm', 'crm', 'crm']);
    expect(h.crm.ids('contacts')).toEqual(ids);
    const second = await h.run(anna.accountId);
    expect(held(runId(second))).toHaveLength(3);
    expect(h.crm.ids('contacts')).toEqual(ids);

    setLimit(null);
    expect(await h.run(anna.accountId)).toMatchObject({ counts: { deleted: 3 } });
    expect(h.crm.ids('contacts')).toHaveLength(1);
  });

  it('lets deletes within the limit through at once, and a limit of 0 holds back every delete', async () => {
    const ids = Array.from({ length: 3 }, (_, i) => h.crm.userCreate('contacts', makeContact({ surname: `S${i}` })));
    await h.run(anna.accountId);
    h.crm.userDelete('contacts', ids[0] ?? '');
    h.crm.userDelete('contacts', ids[1] ?? '');
    expect(await h.run(anna.accountId)).toMatchObject({ counts: { deleted: 2 } });
    expect(await h.statuses.getStatus(anna.accountId)).toMatchObject({ alert: false });

    setLimit(0);
    h.crm.userDelete('contacts', ids[2] ?? '');
    const run = await h.run(anna.accountId);
    expect(held(runId(run))).toHaveLength(1);
    expect(contacts()).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRule } from '../../shared/admin/sync-rule.schema';
import { openSandboxSyncStack, type SandboxSyncStack, type StackUser } from './support/sandbox-sync-stack';

/** C5 delete protection end to end: SQL sync state, the status wall and the run log, the sandbox. */
describe('delete protection against the sandbox', () => {
  let stack: SandboxSyncStack;
  let user: StackUser;
  let rule: SyncRule;
  const admin = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true };
  const items = () => stack.sandbox.control.listItems(user.mailbox, 'contacts');
  const crmContacts = async () => (await stack.crm.contacts.list(admin, { limit: 100 })).items;
  const status = async () => (await stack.sync.status.listStatuses()).find((row) => row.accountId === user.accountId);
  const run = async () => {
    const outcome = await stack.sync.engine.syncMailbox(user.accountId, true);
    if (outcome.status === 'skipped') throw new Error(outcome.reason);
    const held = (await stack.sync.status.listLog(outcome.runId)).filter((entry) => entry.action === 'skipped' && entry.detail['reason'] === 'delete protection');
    return { outcome, held };
  };

  beforeAll(async () => {
    stack = await openSandboxSyncStack();
    user = await stack.addUser('dora@contoso.example');
    rule = await stack.addRule(user, { dataType: 'contacts', options: { deleteProtection: { maxDeletesPerRun: 2 } } });
  });
  afterAll(async () => stack.close());

  it('holds back a CRM mass deletion, shows it on the status wall, and carries it out after the admin raises the limit', async () => {
    const created = [];
    for (let i = 0; i < 4; i += 1) created.push(await stack.crm.contacts.create(user.api, { firstName: 'Del', lastName: `Crm ${i}`, emails: [], phones: [], notes: '' }));
    await run();
    expect(items()).toHaveLength(4);

    for (const contact of created.slice(0, 3)) await stack.crm.contacts.remove(user.api, contact.id);
    const first = await run();
    expect(first.outcome).toMatchObject({ status: 'synced', counts: { deleted: 0 } });
    expect(first.held.map((entry) => entry.side)).toEqual(['exchange', 'exchange', 'exchange']);
    expect(items()).toHaveLength(4);
    expect(await status()).toMatchObject({ alert: true, lastErrorKind: 'delete-protection', lastError: expect.stringContaining('held back') });
    expect((await run()).held).toHaveLength(3);

    rule = await stack.updateRuleOptions(rule, { deleteProtection: { maxDeletesPerRun: 10 } });
    expect((await run()).outcome).toMatchObject({ counts: { deleted: 3 } });
    expect(items()).toHaveLength(1);
    expect(await status()).toMatchObject({ alert: false, lastError: null });
  });

  it('holds back an Outlook mass deletion run after run until protection is switched off', async () => {
    rule = await stack.updateRuleOptions(rule, { deleteProtection: { maxDeletesPerRun: 2 } });
    for (let i = 0; i < 3; i += 1) stack.sandbox.control.createItem(user.mailbox, { folder: 'contacts', kind: 'Contact', fields: { GivenName: 'Del', Surname: `Outlook ${i}` } });
    await run();
    const before = await crmContacts();
    expect(before).toHaveLength(4);

    for (const item of items().filter((candidate) => candidate.fields['Surname']?.startsWith('Outlook'))) stack.sandbox.control.deleteItem(user.mailbox, item.id);
    expect((await run()).held.map((entry) => entry.side)).toEqual(['crm', 'crm', 'crm']);
    expect((await run()).held).toHaveLength(3);
    expect(await crmContacts()).toHaveLength(4);

    rule = await stack.updateRuleOptions(rule, { deleteProtection: null });
    expect((await run()).outcome).toMatchObject({ counts: { deleted: 3 } });
    expect((await crmContacts()).map((contact) => contact.lastName)).toEqual(['Crm 3']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { ExchangeGateway } from '../../server/src/exchange/exchange-gateway';
import { createEwsGateway } from '../../server/src/exchange/ews-gateway/ews.gateway';
import { makeAppointment, makeContact, makeTask } from './support/neutral-fixtures';

describe('EWS adapter of the Exchange port against the sandbox', () => {
  let sandbox: Sandbox;
  let gateway: ExchangeGateway & { close(): void };
  const mailbox = 'anna@contoso.example';
  let folders: Map<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    sandbox.control.addMailbox({ smtpAddress: mailbox, displayName: 'Anna' });
    sandbox.control.grantImpersonation(mailbox);
    gateway = createEwsGateway(
      { serverId: 's', serverType: 'on-premises', ewsUrl: sandbox.ewsUrl, version: 'Exchange2016', alternativeLoginName: null, auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } },
      { defaultTimeZone: 'Europe/Berlin', caCertPem: sandbox.caCertPem },
    );
    const tree = await gateway.listFolders(mailbox);
    folders = new Map(tree.flatMap((folder) => (folder.wellKnownName ? [[folder.wellKnownName, folder.id] as const] : [])));
  });
  afterAll(async () => {
    gateway.close();
    await sandbox.close();
  });

  const folder = (name: string): string => folders.get(name) ?? '';

  it('lists the folder tree with the well-known folders and their classes', async () => {
    const tree = await gateway.listFolders(mailbox);
    const byName = new Map(tree.map((f) => [f.wellKnownName, f]));
    expect(byName.get('contacts')?.folderClass).toBe('contacts');
    expect(byName.get('calendar')?.folderClass).toBe('calendar');
    expect(byName.get('tasks')?.folderClass).toBe('tasks');
  });

  it('creates a stamped contact, reads it back through folder sync and finds it by its CRM id', async () => {
    const contact = makeContact({ emails: ['berta@klein.example'] });
    const [created] = await gateway.createItems(mailbox, folder('contacts'), [{ crmId: 'crm-1', data: contact }]);
    expect(created?.ok).toBe(true);
    const batch = await gateway.syncFolder(mailbox, folder('contacts'), 'contact', null, 100);
    const upsert = batch.changes.find((change) => change.type === 'upsert' && change.item.crmId === 'crm-1');
    expect(upsert?.type === 'upsert' ? upsert.item.data : null).toEqual(contact);
    const found = await gateway.findByCrmIds(mailbox, [folder('contacts')], ['crm-1', 'crm-404']);
    expect(found.map((item) => item.crmId)).toEqual(['crm-1']);
  });

  it('writes only named fields, refuses a stale change key, and reports an Outlook edit and a delete as changes', async () => {
    const [created] = await gateway.createItems(mailbox, folder('contacts'), [{ crmId: 'crm-2', data: makeContact({ surname: 'Two' }) }]);
    if (!created?.ok) throw new Error('create failed');
    const start = await gateway.syncFolder(mailbox, folder('contacts'), 'contact', null, 512);
    const [updated] = await gateway.updateItems(mailbox, [{ id: created.value.id, changeKey: created.value.changeKey, data: makeContact({ surname: 'Two', jobTitle: 'CTO' }), fields: ['jobTitle'], crmId: 'crm-2' }]);
    expect(updated?.ok).toBe(true);
    const [stale] = await gateway.updateItems(mailbox, [{ id: created.value.id, changeKey: created.value.changeKey, data: makeContact({ jobTitle: 'late' }), fields: ['jobTitle'], crmId: 'crm-2' }]);
    expect(stale).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    sandbox.control.updateItem(mailbox, updated?.ok ? updated.value.id : '', { fields: { Department: 'Board' } });
    const next = await gateway.syncFolder(mailbox, folder('contacts'), 'contact', start.cursor, 512);
    const change = next.changes.find((c) => c.type === 'upsert' && c.item.crmId === 'crm-2');
    expect(change?.type === 'upsert' ? change.item.data : null).toMatchObject({ jobTitle: 'CTO', department: 'Board' });
    const [deleted] = await gateway.deleteItems(mailbox, [created.value.id]);
    expect(deleted?.ok).toBe(true);
    const after = await gateway.syncFolder(mailbox, folder('contacts'), 'contact', next.cursor, 512);
    expect(after.changes).toContainEqual({ type: 'remove', itemId: created.value.id });
  });

  it('round-trips an appointment series with zone, exceptions excluded, without sending invitations', async () => {
    const series = makeAppointment({
      iCalUId: 'series-sandbox',
      attendees: [{ email: 'ben@contoso.example', name: 'Ben', role: 'required', response: 'none' }],
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'], firstDayOfWeek: 'monday' }, range: { type: 'numbered', startDate: '2026-12-01', occurrences: 10 } },
    });
    const [created] = await gateway.createItems(mailbox, folder('calendar'), [{ crmId: 'crm-3', data: series }]);
    if (!created?.ok) throw new Error(`create failed: ${created?.error.message}`);
    const [read] = await gateway.getItems(mailbox, 'appointment', [created.value.id]);
    expect(read?.ok ? read.value.data : read?.error.message).toMatchObject({ subject: series.subject, start: series.start, end: series.end, iCalUId: 'series-sandbox', recurrence: series.recurrence, attendees: [expect.objectContaining({ email: 'ben@contoso.example', role: 'required' })] });
    expect(sandbox.control.sentItems()).toEqual([]);
  });

  it('round-trips a task with status, percent, importance and due date', async () => {
    const task = makeTask({ status: 'in-progress', percentComplete: 50, importance: 'high' });
    const [created] = await gateway.createItems(mailbox, folder('tasks'), [{ crmId: 'crm-4', data: task }]);
    if (!created?.ok) throw new Error(`create failed: ${created?.error.message}`);
    const [read] = await gateway.getItems(mailbox, 'task', [created.value.id]);
    expect(read?.ok ? read.value.data : read?.error.message).toEqual(task);
  });
});

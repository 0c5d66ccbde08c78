import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuleInputSchema, type SyncRule } from '../../shared/admin/sync-rule.schema';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { EwsClient } from '../../server/src/exchange/ews/ews-client';
import type { EwsCalendarItem } from '../../server/src/exchange/ews/ews-types';
import { createEwsGateway } from '../../server/src/exchange/ews-gateway/ews.gateway';
import type { ExchangeConnection } from '../../server/src/exchange/exchange-gateway';
import type { NeutralAppointment, OccurrenceException } from '../../server/src/exchange/exchange-items';
import { createMailboxSync, type MailboxSync } from '../../server/src/sync/mailbox-sync.service';
import { SchemaCapture } from '../sandbox/support/schema-capture';
import { FakeCrm } from './support/fake-crm.port';
import { MemoryConfig, MemoryLogStore, MemoryStateStore, MemoryStatusStore } from './support/memory-stores';
import { makeAppointment } from './support/neutral-fixtures';

const everything = { create: true, change: true, delete: true, overwrite: false };
const berlin = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Berlin' });
/** Monday `week` weeks after 2026-12-07 (the series crosses the change to summer time). */
const monday = (week: number, time: string): string => `${new Date(Date.UTC(2026, 11, 7 + 7 * week)).toISOString().slice(0, 10)}T${time}`;

/**
 * C6 recurring series against the sandbox through the real EWS adapter: occurrence
 * exceptions written by the CRM reach Exchange (more than Winoffice's 20), Outlook's
 * reach the CRM, and no write notifies anyone. The CRM stand-in holds series, which the
 * built-in CRM store cannot (docs/sync-field-mapping.md).
 */
describe('C6 occurrence exceptions against the sandbox', () => {
  let sandbox: Sandbox;
  let engine: MailboxSync;
  let client: EwsClient;
  const crm = new FakeCrm();
  const capture = new SchemaCapture();
  const mailbox = 'serie@contoso.example';
  const requests: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    capture.attach(sandbox);
    sandbox.control.onCapture((exchange) => requests.push(exchange.requestXml));
    sandbox.control.addMailbox({ smtpAddress: mailbox });
    sandbox.control.grantImpersonation(mailbox);
    const connection: ExchangeConnection = {
      serverId: 'sandbox',
      serverType: 'on-premises',
      ewsUrl: sandbox.ewsUrl,
      version: 'Exchange2016',
      alternativeLoginName: null,
      auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password },
    };
    const gateway = createEwsGateway(connection, { defaultTimeZone: 'Europe/Berlin', caCertPem: sandbox.caCertPem });
    client = EwsClient.create({ url: sandbox.ewsUrl, credentials: { kind: 'basic', username: sandbox.basic.user, password: sandbox.basic.password }, caCertPem: sandbox.caCertPem }).forMailbox(mailbox);
    const config = new MemoryConfig();
    const rule: SyncRule = {
      ...syncRuleInputSchema.parse({ description: 'series', validity: { scope: 'all' }, dataType: 'appointments', master: 'crm', crmToExchange: everything, exchangeToCrm: everything, folders: [{ kind: 'well-known', name: 'calendar' }], options: { bodyFormat: 'text' } }),
      id: 'rule-series',
      createdAt: '2020-01-01T00:00:00.000Z',
      updatedAt: '2020-01-01T00:00:00.000Z',
    };
    config.rules.push(rule);
    config.accounts.set('acc', { id: 'acc', userId: 'user-1', mailbox, active: true, serverId: 'sandbox', authFailurePolicy: null, connection });
    engine = createMailboxSync({ config, crm, state: new MemoryStateStore(), log: new MemoryLogStore(), statuses: new MemoryStatusStore(), gatewayFor: () => gateway, logger: pino({ level: 'silent' }), now: () => new Date(), random: () => 0.5 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const master = async (): Promise<EwsCalendarItem> => {
    const [item] = sandbox.control.listItems(mailbox, 'calendar');
    const [read] = await client.getItem({ itemIds: [{ id: item?.id ?? '' }], shape: { baseShape: 'AllProperties' } });
    if (!read?.ok || read.value.type !== 'calendarItem') throw new Error('series not readable');
    return read.value;
  };

  it('writes 24 CRM exceptions to Exchange, deleted ones by DeleteItem and moved ones by UpdateItem on the occurrence, and echoes nothing', async () => {
    const series = makeAppointment({
      subject: 'Jour fixe',
      body: null,
      iCalUId: null,
      organizer: null,
      start: berlin(monday(0, '09:00:00')),
      end: berlin(monday(0, '10:00:00')),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' }, range: { type: 'numbered', startDate: monday(0, '').slice(0, 10), occurrences: 40 } },
    });
    const id = crm.userCreate('appointments', series, { userIds: ['user-1'] });
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { created: 1 } });
    const created = await master();
    crm.userUpdate('appointments', id, { organizer: created.organizer?.address ?? null, iCalUId: created.uid ?? null } as Partial<NeutralAppointment>);
    await engine.syncMailbox('acc', true);

    const deleted: OccurrenceException[] = Array.from({ length: 12 }, (_, i) => ({ type: 'deleted', originalStart: berlin(monday(2 * i + 2, '09:00:00')) }));
    const moved: OccurrenceException[] = Array.from({ length: 12 }, (_, i) => ({
      type: 'modified',
      originalStart: berlin(monday(2 * i + 3, '09:00:00')),
      start: berlin(monday(2 * i + 3, '14:00:00')),
      end: berlin(monday(2 * i + 3, '15:30:00')),
      subject: `Jour fixe (moved ${i + 1})`,
      location: 'Room 9',
    }));
    const exceptions = [...deleted, ...moved].sort((a, b) => a.originalStart.dateTime.localeCompare(b.originalStart.dateTime));
    requests.length = 0;
    crm.userUpdate('appointments', id, { exceptions } as Partial<NeutralAppointment>);
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 1, failed: 0 } });

    const after = await master();
    expect(after.deletedOccurrences).toHaveLength(12);
    expect(after.modifiedOccurrences).toHaveLength(12);
    // 2027-04-05 is in summer time: 14:00 in Berlin is 12:00 UTC.
    expect(after.modifiedOccurrences?.find((occurrence) => occurrence.originalStart === '2027-04-05T07:00:00Z')).toMatchObject({ start: '2027-04-05T12:00:00Z', end: '2027-04-05T13:30:00Z' });
    const [own] = await client.getItem({ itemIds: [{ id: after.modifiedOccurrences?.[0]?.itemId.id ?? '' }], shape: { baseShape: 'AllProperties' } });
    expect(own?.ok && own.value.type === 'calendarItem' ? [own.value.subject, own.value.location, own.value.calendarItemType] : []).toEqual(['Jour fixe (moved 1)', 'Room 9', 'Exception']);
    expect(requests.some((xml) => xml.includes('OccurrenceItemId'))).toBe(true);
    for (const xml of requests.filter((request) => request.includes('<m:UpdateItem'))) expect(xml).toContain('SendMeetingInvitationsOrCancellations="SendToNone"');
    for (const xml of requests.filter((request) => request.includes('<m:DeleteItem'))) expect(xml).toContain('SendMeetingCancellations="SendToNone"');

    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 0, created: 0, deleted: 0 } });
    expect(crm.get('appointments', id)).toMatchObject({ exceptions });
  });

  it('brings occurrences deleted and moved in Outlook into the CRM', async () => {
    const before = await master();
    const masterId = before.itemId?.id ?? '';
    // Outlook: delete occurrence 31 (5 July), move occurrence 32 (12 July) by an hour and rename it.
    await client.deleteItem({ itemIds: [{ recurringMasterId: masterId, instanceIndex: 31 }], sendMeetingCancellations: 'SendToNone' });
    await client.updateItem({
      updates: [{ itemId: { recurringMasterId: masterId, instanceIndex: 32 }, set: { type: 'calendarItem', subject: 'Jour fixe (Outlook)', start: '2027-07-12T08:00:00Z', end: '2027-07-12T09:00:00Z' } }],
      sendMeetingInvitationsOrCancellations: 'SendToNone',
    });
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 1 } });
    const [record] = crm.values('appointments');
    const exceptions = record?.type === 'appointment' ? record.exceptions : [];
    expect(exceptions).toHaveLength(26);
    expect(exceptions).toContainEqual({ type: 'deleted', originalStart: berlin('2027-07-05T09:00:00') });
    expect(exceptions).toContainEqual({ type: 'modified', originalStart: berlin('2027-07-12T09:00:00'), start: berlin('2027-07-12T10:00:00'), end: berlin('2027-07-12T11:00:00'), subject: 'Jour fixe (Outlook)', location: 'Room 1' });
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 0 } });
    expect(sandbox.control.sentItems()).toEqual([]);
  });

  it('creates a CRM series that already has exceptions with them in Exchange', async () => {
    const exceptions: OccurrenceException[] = [
      { type: 'deleted', originalStart: berlin('2027-01-06T08:00:00') },
      { type: 'modified', originalStart: berlin('2027-01-13T08:00:00'), start: berlin('2027-01-13T12:00:00'), end: berlin('2027-01-13T12:30:00'), subject: 'Standup (moved)', location: 'Kantine' },
    ];
    const id = crm.userCreate('appointments', makeAppointment({
      subject: 'Standup',
      body: null,
      iCalUId: null,
      organizer: null,
      start: berlin('2026-12-30T08:00:00'),
      end: berlin('2026-12-30T08:15:00'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['wednesday'], firstDayOfWeek: 'monday' }, range: { type: 'end-date', startDate: '2026-12-30', endDate: '2027-03-31' } },
      exceptions,
    }), { userIds: ['user-1'] });
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { created: 1, failed: 0 } });
    const series = sandbox.control.listItems(mailbox, 'calendar').find((item) => item.fields['Subject'] === 'Standup');
    expect(series?.xml).toContain('<t:DeletedOccurrences><t:DeletedOccurrence><t:Start>2027-01-06T07:00:00Z</t:Start>');
    expect(series?.xml).toContain('<t:Start>2027-01-13T11:00:00Z</t:Start><t:End>2027-01-13T11:30:00Z</t:End><t:OriginalStart>2027-01-13T07:00:00Z</t:OriginalStart>');
    // Outlook's UID and organizer come back once; the exceptions stay as the CRM wrote them.
    await engine.syncMailbox('acc', true);
    expect(crm.get('appointments', id)).toMatchObject({ exceptions });
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 0 } });
  });

  it('sends and answers only schema-valid EWS', async () => {
    const { validated } = await capture.validateAll();
    expect(validated).toBeGreaterThan(10);
  });
});

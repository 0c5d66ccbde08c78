import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsClient } from '../../server/src/exchange/ews/ews-client';
import type { EwsItem, ItemRef } from '../../server/src/exchange/ews/ews-types';
import { findExtendedProperty, type ExtendedPropertyPath } from '../../server/src/exchange/ews/extended-property';
import type { Outcome } from '../../server/src/exchange/ews/outcome';
import { isEwsServerVersion } from '../../server/src/exchange/ews/server-version';

/**
 * Runs the client against any EWS server: EWS_URL, EWS_USER, EWS_PASSWORD (Basic),
 * optionally EWS_IMPERSONATE (mailbox), EWS_VERSION and EWS_CA_FILE (PEM of a private CA,
 * e.g. the sandbox's). Everything it creates is tagged and deleted again.
 */
const env = process.env;
const configured = Boolean(env['EWS_URL'] && env['EWS_USER'] && env['EWS_PASSWORD']);
if (!configured) console.warn('Live EWS suite skipped: set EWS_URL, EWS_USER and EWS_PASSWORD (optionally EWS_IMPERSONATE, EWS_VERSION, EWS_CA_FILE).');

const CRM_ID: ExtendedPropertyPath = { propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e', propertyName: 'TandemCrmId', propertyType: 'String' };
const runTag = `tandem-live-${Date.now()}`;

function values<T>(outcomes: Outcome<T>[]): T[] {
  return outcomes.map((o) => {
    if (!o.ok) throw o.error;
    return o.value;
  });
}

describe.skipIf(!configured)('EWS client against a live server', () => {
  let client: EwsClient;
  const created: ItemRef[] = [];

  beforeAll(() => {
    const version = env['EWS_VERSION'];
    if (version && !isEwsServerVersion(version)) throw new Error(`EWS_VERSION ${version} is not a known RequestServerVersion`);
    client = EwsClient.create({
      url: env['EWS_URL'] ?? '',
      credentials: { kind: 'basic', username: env['EWS_USER'] ?? '', password: env['EWS_PASSWORD'] ?? '' },
      impersonate: env['EWS_IMPERSONATE'] || undefined,
      version: version && isEwsServerVersion(version) ? version : undefined,
      caCertPem: env['EWS_CA_FILE'] ? readFileSync(env['EWS_CA_FILE'], 'utf8') : undefined,
    });
  });

  afterAll(async () => {
    if (created.length > 0) await client.deleteItem({ itemIds: created, deleteType: 'HardDelete' });
    client.close();
  });

  it('reads the folder root and lists folders', async () => {
    const [root] = values(await client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] }));
    expect(root?.folderId.id).toBeTruthy();
    const tree = await client.findFolder({ parentFolderId: { distinguished: 'msgfolderroot' }, traversal: 'Shallow' });
    expect(tree.folders.length).toBeGreaterThan(0);
    const hierarchy = await client.syncFolderHierarchy({});
    expect(hierarchy.syncState).not.toBe('');
  });

  it('round-trips contacts: create, sync, read with the CRM id, update with the change key, delete', async () => {
    const initial = await drainSync(client, 'contacts');
    const refs = values(
      await client.createItem({
        items: [1, 2].map((n) => ({
          type: 'contact' as const,
          givenName: `Live${n}`,
          surname: runTag,
          companyName: 'Tandem Live Test',
          emailAddresses: { EmailAddress1: `live${n}@example.com` },
          phoneNumbers: { BusinessPhone: `+49 30 ${n}` },
          physicalAddresses: { Business: { street: 'Hauptstr. 1', city: 'Berlin', countryOrRegion: 'Germany', postalCode: '10115' } },
          extendedProperties: [{ path: CRM_ID, value: `${runTag}-${n}` }],
        })),
        savedItemFolderId: { distinguished: 'contacts' },
      }),
    ).map((r) => r as ItemRef);
    created.push(...refs);

    const { changes, syncState } = await drainSync(client, 'contacts', initial.syncState);
    expect(changes.filter((id) => refs.some((r) => r.id === id))).toHaveLength(2);
    expect(syncState).not.toBe(initial.syncState);

    const items = values(await client.getItem({ itemIds: refs, shape: { baseShape: 'AllProperties', additionalProperties: [{ extended: CRM_ID }] } }));
    const first = items[0] as EwsItem;
    if (first.type !== 'contact') throw new Error('expected a contact');
    expect(first).toMatchObject({ givenName: 'Live1', surname: runTag, emailAddresses: { EmailAddress1: 'live1@example.com' } });
    expect(findExtendedProperty(first.extendedProperties, CRM_ID)?.value).toBe(`${runTag}-1`);

    const [updated] = values(
      await client.updateItem({
        conflictResolution: 'NeverOverwrite',
        updates: [{ itemId: first.itemId ?? { id: '' }, set: { type: 'contact', jobTitle: 'Tester', companyName: null } }],
      }),
    );
    expect(updated?.itemId.changeKey).not.toBe(first.itemId?.changeKey);
    const [stale] = await client.updateItem({ conflictResolution: 'NeverOverwrite', updates: [{ itemId: first.itemId ?? { id: '' }, set: { type: 'contact', jobTitle: 'Stale' } }] });
    expect(stale?.ok).toBe(false);
  });

  it('round-trips an appointment without sending invitations', async () => {
    const start = new Date(Date.now() + 7 * 86_400_000);
    start.setUTCHours(9, 0, 0, 0);
    const end = new Date(start.getTime() + 3_600_000);
    const [ref] = values(
      await client.createItem({
        items: [
          {
            type: 'calendarItem',
            subject: `${runTag} appointment`,
            body: { type: 'Text', content: 'Created by the Tandem live suite' },
            start: start.toISOString(),
            end: end.toISOString(),
            location: 'Room 1',
            startTimeZoneId: 'W. Europe Standard Time',
            requiredAttendees: [{ mailbox: { address: 'nobody@example.com' } }],
            extendedProperties: [{ path: CRM_ID, value: `${runTag}-appt` }],
          },
        ],
        savedItemFolderId: { distinguished: 'calendar' },
      }),
    );
    if (!ref) throw new Error('no id returned');
    created.push(ref);
    const window = await client.findItem({
      folderId: { distinguished: 'calendar' },
      view: { kind: 'calendar', start: new Date(start.getTime() - 3_600_000).toISOString(), end: new Date(end.getTime() + 3_600_000).toISOString() },
      shape: { baseShape: 'Default' },
    });
    expect(window.items.some((i) => i.subject === `${runTag} appointment`)).toBe(true);
    const [item] = values(await client.getItem({ itemIds: [ref] }));
    if (item?.type !== 'calendarItem') throw new Error('expected a calendar item');
    expect(item.location).toBe('Room 1');
    expect(item.uid).toBeTruthy();
    const [moved] = values(
      await client.updateItem({ updates: [{ itemId: item.itemId ?? ref, set: { type: 'calendarItem', location: 'Room 2' } }], sendMeetingInvitationsOrCancellations: 'SendToNone' }),
    );
    expect(moved?.itemId.id).toBe(ref.id);
  });
});

async function drainSync(client: EwsClient, folder: 'contacts', syncState?: string): Promise<{ syncState: string; changes: string[] }> {
  const changes: string[] = [];
  let state = syncState;
  for (let page = 0; page < 1000; page += 1) {
    const result = await client.syncFolderItems({ folderId: { distinguished: folder }, syncState: state });
    for (const change of result.changes) changes.push('item' in change ? (change.item.itemId?.id ?? '') : change.itemId.id);
    state = result.syncState;
    if (result.includesLastItemInRange) break;
  }
  return { syncState: state ?? '', changes };
}

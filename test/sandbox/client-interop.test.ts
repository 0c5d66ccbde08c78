import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsClient } from '../../server/src/exchange/ews/ews-client';
import type { EwsItem } from '../../server/src/exchange/ews/ews-types';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { ewsSchemaAvailable } from '../support/ews-schema';
import { SchemaCapture } from './support/schema-capture';

const USER = 'jonas.keller@contoso.example';
const DENIED = 'nina.roth@contoso.example';
const CRM_ID = { distinguishedPropertySetId: 'PublicStrings', propertyName: 'TandemCrmId', propertyType: 'String' } as const;
let sandbox: Sandbox;
const capture = new SchemaCapture();
const clients: EwsClient[] = [];

beforeAll(async () => {
  // Plain HTTP as well: ews-javascript-api's HTTP layer takes no custom CA.
  sandbox = await startSandbox({ httpPort: 0 });
  capture.attach(sandbox);
  sandbox.control.addMailbox({ smtpAddress: USER });
  sandbox.control.addMailbox({ smtpAddress: DENIED });
  sandbox.control.grantImpersonation(USER);
});

afterAll(async () => {
  for (const client of clients) client.close();
  if (ewsSchemaAvailable) {
    const { validated } = await capture.validateAll();
    expect(validated).toBeGreaterThan(20);
  }
  await sandbox.close();
});

const basicClient = (impersonate?: string): EwsClient => {
  const client = EwsClient.create({ url: sandbox.ewsUrl, caCertPem: sandbox.caCertPem, impersonate, credentials: { kind: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } });
  clients.push(client);
  return client;
};

const unwrap = <T>(outcome: { ok: true; value: T } | { ok: false; error: Error } | undefined): T => {
  if (!outcome?.ok) throw outcome?.error ?? new Error('no outcome');
  return outcome.value;
};

describe('the product\u2019s EwsClient against the sandbox', () => {
  it('runs a full contact round trip with impersonation over TLS trusting only the sandbox CA', async () => {
    const client = basicClient(USER);
    const folders = await client.findFolder({ parentFolderId: { distinguished: 'msgfolderroot' }, traversal: 'Deep', shape: { baseShape: 'Default' } });
    expect(folders.folders.map((f) => f.displayName)).toEqual(expect.arrayContaining(['Contacts', 'Calendar', 'Inbox']));
    const [contacts] = await client.getFolder({ folderIds: [{ distinguished: 'contacts' }] });
    expect(unwrap(contacts).kind).toBe('ContactsFolder');

    const initial = await client.syncFolderItems({ folderId: { distinguished: 'contacts' } });
    expect(initial.changes).toEqual([]);
    const [created] = await client.createItem({
      items: [{ type: 'contact', givenName: 'Jörg', surname: 'Weiß', companyName: 'Weiß & Co. KG', emailAddresses: { EmailAddress1: 'joerg@weiss.example' }, extendedProperties: [{ path: CRM_ID, value: 'crm-1' }] }],
      savedItemFolderId: { distinguished: 'contacts' },
    });
    const ref = unwrap(created);
    if (!ref) throw new Error('CreateItem returned no id');
    const [got] = await client.getItem({ itemIds: [ref], shape: { baseShape: 'AllProperties', additionalProperties: [{ extended: CRM_ID }] } });
    const item = unwrap(got) as EwsItem & { givenName?: string; emailAddresses?: Record<string, string> };
    expect(item).toMatchObject({ type: 'contact', givenName: 'Jörg', emailAddresses: { EmailAddress1: 'joerg@weiss.example' } });

    const [updated] = await client.updateItem({ updates: [{ itemId: ref, set: { type: 'contact', companyName: 'Weiß GmbH' } }] });
    expect(unwrap(updated).itemId.changeKey).not.toBe(ref.changeKey);
    const [stale] = await client.updateItem({ updates: [{ itemId: ref, set: { type: 'contact', companyName: 'Stale' } }], conflictResolution: 'NeverOverwrite' });
    expect(stale?.ok).toBe(false);

    const next = await client.syncFolderItems({ folderId: { distinguished: 'contacts' }, syncState: initial.syncState });
    expect(next.changes.map((c) => c.kind)).toEqual(['create']);
    const [deleted] = await client.deleteItem({ itemIds: [{ id: ref.id }], deleteType: 'HardDelete' });
    expect(deleted?.ok).toBe(true);
    const after = await client.syncFolderItems({ folderId: { distinguished: 'contacts' }, syncState: next.syncState });
    expect(after.changes.map((c) => c.kind)).toEqual(['delete']);
    expect(sandbox.control.counters().withoutAnchorMailbox).toBe(0);
  });

  it('is refused for a mailbox the service account may not impersonate', async () => {
    await expect(basicClient(DENIED).getFolder({ folderIds: [{ distinguished: 'inbox' }] })).rejects.toMatchObject({ code: 'ErrorImpersonateUserDenied' });
  });

  it('signs in with OAuth2 client credentials through MSAL against the sandbox authority', async () => {
    const client = EwsClient.create({
      url: sandbox.ewsUrl,
      caCertPem: sandbox.caCertPem,
      impersonate: USER,
      credentials: { kind: 'oauth', tenantId: sandbox.oauth.tenantId, clientId: sandbox.oauth.clientId, clientSecret: sandbox.oauth.clientSecret, authority: sandbox.oauth.authority },
    });
    clients.push(client);
    const [inbox] = await client.getFolder({ folderIds: [{ distinguished: 'inbox' }] });
    expect(unwrap(inbox).displayName).toBe('Inbox');
    const wrong = EwsClient.create({
      url: sandbox.ewsUrl,
      caCertPem: sandbox.caCertPem,
      impersonate: USER,
      credentials: { kind: 'oauth', tenantId: sandbox.oauth.tenantId, clientId: sandbox.oauth.clientId, clientSecret: 'wrong-secret', authority: sandbox.oauth.authority },
    });
    clients.push(wrong);
    await expect(wrong.getFolder({ folderIds: [{ distinguished: 'inbox' }] })).rejects.toMatchObject({ kind: 'auth-failed' });
  });
});

describe('ews-javascript-api against the sandbox (plain-HTTP listener, Basic auth)', () => {
  it('runs FindFolder, SyncFolderItems, CreateItem, GetItem and UpdateItem', async () => {
    const ews = await import('ews-javascript-api');
    const service = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013_SP1);
    service.Credentials = new ews.WebCredentials(sandbox.basic.user, sandbox.basic.password);
    service.Url = new ews.Uri(sandbox.httpEwsUrl ?? '');
    service.ImpersonatedUserId = new ews.ImpersonatedUserId(ews.ConnectingIdType.SmtpAddress, USER);

    const found = await service.FindFolders(ews.WellKnownFolderName.MsgFolderRoot, new ews.FolderView(50));
    expect(found.Folders.map((f) => f.DisplayName)).toEqual(expect.arrayContaining(['Contacts', 'Tasks']));

    const contact = new ews.Contact(service);
    contact.GivenName = 'Hannah';
    contact.Surname = 'Schulz';
    contact.CompanyName = 'Schulz Bau';
    await contact.Save(new ews.FolderId(ews.WellKnownFolderName.Contacts));
    const id = contact.Id.UniqueId;
    expect(sandbox.control.getItem(USER, id)?.fields.GivenName).toBe('Hannah');

    const sync = await service.SyncFolderItems(new ews.FolderId(ews.WellKnownFolderName.Contacts), ews.PropertySet.IdOnly, [], 100, ews.SyncFolderItemsScope.NormalItems, '');
    expect(sync.GetEnumerator().map((c) => c.ItemId.UniqueId)).toContain(id);

    const bound = await ews.Contact.Bind(service, new ews.ItemId(id));
    expect(bound.CompanyName).toBe('Schulz Bau');
    bound.CompanyName = 'Schulz Hochbau';
    await bound.Update(ews.ConflictResolutionMode.AutoResolve);
    expect(sandbox.control.getItem(USER, id)?.fields.CompanyName).toBe('Schulz Hochbau');

    const incremental = await service.SyncFolderItems(new ews.FolderId(ews.WellKnownFolderName.Contacts), ews.PropertySet.IdOnly, [], 100, ews.SyncFolderItemsScope.NormalItems, sync.SyncState);
    expect(incremental.GetEnumerator().map((c) => c.ChangeType)).toEqual([ews.ChangeType.Update]);
  });
});

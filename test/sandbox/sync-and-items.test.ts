import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { ewsSchemaAvailable } from '../support/ews-schema';
import { findAll, first, readMessages } from './support/ews-read';
import { SchemaCapture } from './support/schema-capture';
import { envelope, postSoap } from './support/soap-client';

const USER = 'erika.musterfrau@contoso.example';
let sandbox: Sandbox;
const capture = new SchemaCapture();

beforeAll(async () => {
  sandbox = await startSandbox();
  capture.attach(sandbox);
  sandbox.control.addMailbox({ smtpAddress: USER, displayName: 'Erika Musterfrau' });
  sandbox.control.grantImpersonation(USER);
});

afterAll(async () => {
  if (ewsSchemaAvailable) {
    const { validated, faults } = await capture.validateAll();
    expect(validated).toBeGreaterThan(40);
    expect(faults).toBeGreaterThan(0);
  }
  await sandbox.close();
});

const call = async (body: string) => {
  const res = await postSoap(sandbox, envelope(body, { impersonate: USER }), { headers: { 'X-AnchorMailbox': USER } });
  return { ...res, messages: readMessages(res.body) };
};

const sync = (folder: string, state: string | undefined, max = 512, extra = '') =>
  call(`<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="${folder}"/></m:SyncFolderId>${state ? `<m:SyncState>${state}</m:SyncState>` : ''}${extra}<m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`);

const syncOf = (res: Awaited<ReturnType<typeof sync>>) => {
  const m = res.messages[0];
  const changes = first(m?.element, 'Changes')?.children ?? [];
  return {
    code: m?.code,
    state: first(m?.element, 'SyncState')?.text ?? '',
    last: first(m?.element, 'IncludesLastItemInRange')?.text === 'true',
    changes: changes.map((c) => ({ type: c.local, id: first(c, 'ItemId')?.attrs.Id ?? '' })),
  };
};

const createContact = async (given: string) => {
  const res = await call(`<m:CreateItem><m:SavedItemFolderId><t:DistinguishedFolderId Id="contacts"/></m:SavedItemFolderId><m:Items><t:Contact><t:GivenName>${given}</t:GivenName><t:Surname>Test</t:Surname></t:Contact></m:Items></m:CreateItem>`);
  const id = first(res.messages[0]?.element, 'ItemId');
  return { id: id?.attrs.Id ?? '', changeKey: id?.attrs.ChangeKey ?? '' };
};

const setGivenName = (id: string, changeKey: string, value: string, resolution = 'AutoResolve') =>
  call(`<m:UpdateItem ConflictResolution="${resolution}"><m:ItemChanges><t:ItemChange><t:ItemId Id="${id}" ChangeKey="${changeKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="contacts:GivenName"/><t:Contact><t:GivenName>${value}</t:GivenName></t:Contact></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`);

describe('items and change keys', () => {
  it('gives every update a new ChangeKey and refuses a stale one unless AlwaysOverwrite', async () => {
    const created = await createContact('Karl');
    expect(created.id).toMatch(/^[A-Za-z0-9+/=]+$/);
    const updated = await setGivenName(created.id, created.changeKey, 'Karla');
    const newKey = first(updated.messages[0]?.element, 'ItemId')?.attrs.ChangeKey;
    expect(updated.messages[0]?.code).toBe('NoError');
    expect(newKey).not.toBe(created.changeKey);

    for (const resolution of ['NeverOverwrite', 'AutoResolve']) {
      const stale = await setGivenName(created.id, created.changeKey, 'Stale', resolution);
      expect(stale.messages[0]).toMatchObject({ responseClass: 'Error', code: 'ErrorIrresolvableConflict' });
    }
    const forced = await setGivenName(created.id, created.changeKey, 'Forced', 'AlwaysOverwrite');
    expect(forced.messages[0]?.code).toBe('NoError');
    expect(sandbox.control.getItem(USER, created.id)?.fields.GivenName).toBe('Forced');
  });

  it('answers GetItem per id, with ErrorItemNotFound only for the missing one', async () => {
    const a = await createContact('Anton');
    const res = await call(`<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${a.id}"/><t:ItemId Id="AAMkAAAAnotThere="/></m:ItemIds></m:GetItem>`);
    expect(res.messages.map((m) => m.code)).toEqual(['NoError', 'ErrorItemNotFound']);
    expect(first(res.messages[0]?.element, 'GivenName')?.text).toBe('Anton');
  });

  it('returns extended properties asked for by ExtendedFieldURI and round-trips them through UpdateItem', async () => {
    const a = await createContact('Extended');
    const uri = '<t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="TandemCrmId" PropertyType="String"/>';
    const upd = await call(`<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges><t:ItemChange><t:ItemId Id="${a.id}"/><t:Updates><t:SetItemField>${uri}<t:Contact><t:ExtendedProperty>${uri}<t:Value>crm-4711</t:Value></t:ExtendedProperty></t:Contact></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`);
    expect(upd.messages[0]?.code).toBe('NoError');
    const got = await call(`<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${uri}<t:FieldURI FieldURI="contacts:GivenName"/></t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${a.id}"/></m:ItemIds></m:GetItem>`);
    expect(first(got.messages[0]?.element, 'ExtendedProperty')?.children.find((c) => c.local === 'Value')?.text).toBe('crm-4711');
    expect(first(got.messages[0]?.element, 'GivenName')?.text).toBe('Extended');
  });

  it('moves items to Deleted Items on MoveToDeletedItems and removes them on HardDelete', async () => {
    const a = await createContact('Delete');
    const moved = await call(`<m:DeleteItem DeleteType="MoveToDeletedItems"><m:ItemIds><t:ItemId Id="${a.id}"/></m:ItemIds></m:DeleteItem>`);
    expect(moved.messages[0]?.code).toBe('NoError');
    expect(sandbox.control.listItems(USER, 'deleteditems').map((i) => i.id)).toContain(a.id);
    await call(`<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${a.id}"/></m:ItemIds></m:DeleteItem>`);
    const again = await call(`<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${a.id}"/></m:ItemIds></m:DeleteItem>`);
    expect(again.messages[0]?.code).toBe('ErrorItemNotFound');
  });

  it('stores a calendar item sent in a TimeZoneContext in UTC and records the invitations it sends', async () => {
    sandbox.control.clearSentItems();
    const res = await postSoap(
      sandbox,
      envelope(
        `<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem><t:Subject>Planung</t:Subject><t:Start>2025-07-01T10:00:00</t:Start><t:End>2025-07-01T11:00:00</t:End><t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>max@example.org</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`,
        { impersonate: USER, timeZoneId: 'W. Europe Standard Time' },
      ),
    );
    const id = first(readMessages(res.body)[0]?.element, 'ItemId')?.attrs.Id ?? '';
    expect(sandbox.control.getItem(USER, id)?.fields.Start).toBe('2025-07-01T08:00:00Z');
    expect(sandbox.control.sentItems()).toEqual([expect.objectContaining({ kind: 'meeting-invitation', to: ['max@example.org'], subject: 'Planung' })]);
  });

  it('puts a SendAndSaveCopy message into Sent Items, returns no id and records the mail', async () => {
    sandbox.control.clearSentItems();
    const res = await call(`<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:Message><t:Subject>Hallo</t:Subject><t:Body BodyType="Text">Text</t:Body><t:ToRecipients><t:Mailbox><t:EmailAddress>kunde@example.org</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`);
    expect(res.messages[0]?.code).toBe('NoError');
    expect(findAll(res.messages[0]?.element, 'ItemId')).toHaveLength(0);
    expect(sandbox.control.listItems(USER, 'sentitems').map((i) => i.fields.Subject)).toContain('Hallo');
    expect(sandbox.control.sentItems()).toEqual([expect.objectContaining({ kind: 'mail', to: ['kunde@example.org'] })]);
  });

  it('refuses a contact in a non-contact folder and a message without MessageDisposition', async () => {
    const contact = await call(`<m:CreateItem><m:SavedItemFolderId><t:DistinguishedFolderId Id="inbox"/></m:SavedItemFolderId><m:Items><t:Contact><t:GivenName>X</t:GivenName></t:Contact></m:Items></m:CreateItem>`);
    expect(contact.messages[0]?.code).toBe('ErrorCannotCreateContactInNonContactFolder');
    const message = await call(`<m:CreateItem><m:Items><t:Message><t:Subject>x</t:Subject></t:Message></m:Items></m:CreateItem>`);
    expect(message.messages[0]?.code).toBe('ErrorMessageDispositionRequired');
  });
});

describe('SyncFolderItems', () => {
  it('pages by MaxChangesReturned, reports each change once and ends with IncludesLastItemInRange', async () => {
    const folder = sandbox.control.createFolder(USER, { parent: 'msgfolderroot', displayName: 'Sync paging', folderClass: 'IPF.Note' });
    const ids = Array.from({ length: 7 }, (_, i) => sandbox.control.createItem(USER, { folder: folder.id, kind: 'Message', fields: { Subject: `m${i}` } }).id);
    const syncFolder = (state: string | undefined, max: number) =>
      call(`<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:FolderId Id="${folder.id}"/></m:SyncFolderId>${state ? `<m:SyncState>${state}</m:SyncState>` : ''}<m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`).then(syncOf);
    const seen: string[] = [];
    let state: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await syncFolder(state, 3);
      seen.push(...page.changes.map((c) => c.id));
      state = page.state;
      pages += 1;
      if (page.last) break;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    sandbox.control.updateItem(USER, ids[0] ?? '', { fields: { Subject: 'edited in Outlook' } });
    sandbox.control.updateItem(USER, ids[1] ?? '', { isRead: true });
    sandbox.control.deleteItem(USER, ids[2] ?? '', 'HardDelete');
    const late = sandbox.control.createItem(USER, { folder: folder.id, kind: 'Message', fields: { Subject: 'late' } });
    const next = await syncFolder(state, 512);
    expect(next.changes).toEqual([
      { type: 'Update', id: ids[0] },
      { type: 'ReadFlagChange', id: ids[1] },
      { type: 'Delete', id: ids[2] },
      { type: 'Create', id: late.id },
    ]);
    const idle = await syncFolder(next.state, 512);
    expect(idle.changes).toEqual([]);
    expect(idle.last).toBe(true);
    const replay = await syncFolder(state, 512);
    expect(replay.changes).toHaveLength(4);
  });

  it('reports a message marked read through UpdateItem as ReadFlagChange', async () => {
    const base = syncOf(await sync('inbox', undefined));
    const mail = sandbox.control.createItem(USER, { kind: 'Message', folder: 'inbox', fields: { Subject: 'unread' } });
    const afterCreate = syncOf(await sync('inbox', base.state));
    expect(afterCreate.changes).toEqual([{ type: 'Create', id: mail.id }]);
    const res = await call(`<m:UpdateItem MessageDisposition="SaveOnly" ConflictResolution="AutoResolve"><m:ItemChanges><t:ItemChange><t:ItemId Id="${mail.id}" ChangeKey="${mail.changeKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>true</t:IsRead></t:Message></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`);
    expect(res.messages[0]?.code).toBe('NoError');
    expect(syncOf(await sync('inbox', afterCreate.state)).changes).toEqual([{ type: 'ReadFlagChange', id: mail.id }]);
    expect(sandbox.control.getItem(USER, mail.id)?.isRead).toBe(true);
  });

  it('leaves out changes named in the Ignore list', async () => {
    const base = syncOf(await sync('tasks', undefined));
    const a = sandbox.control.createItem(USER, { kind: 'Task', fields: { Subject: 'a' } });
    const b = sandbox.control.createItem(USER, { kind: 'Task', fields: { Subject: 'b' } });
    const res = syncOf(await sync('tasks', base.state, 512, `<m:Ignore><t:ItemId Id="${a.id}"/></m:Ignore>`));
    expect(res.changes.map((c) => c.id)).toEqual([b.id]);
  });

  it('answers ErrorInvalidSyncStateData for a tampered state or one from another folder', async () => {
    const tasks = syncOf(await sync('tasks', undefined));
    const bytes = Buffer.from(tasks.state, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    const tampered = syncOf(await sync('tasks', bytes.toString('base64')));
    expect(tampered.code).toBe('ErrorInvalidSyncStateData');
    expect(tampered.state).toBe('');
    const wrongFolder = syncOf(await sync('contacts', tasks.state));
    expect(wrongFolder.code).toBe('ErrorInvalidSyncStateData');
    expect(syncOf(await sync('tasks', 'not base64 at all!')).code).toBe('ErrorInvalidSyncStateData');
  });

  it('refuses MaxChangesReturned outside 1..512 with ErrorSchemaValidation', async () => {
    const res = await sync('tasks', undefined, 513);
    expect(res.status).toBe(500);
    expect(res.body).toContain('ErrorSchemaValidation');
  });
});

describe('folders and finding', () => {
  it('lists subfolders Shallow and Deep and pages FindItem with IndexedPageItemView', async () => {
    const parent = sandbox.control.createFolder(USER, { parent: 'contacts', displayName: 'Kunden' });
    sandbox.control.createFolder(USER, { parent: parent.id, displayName: 'Bayern', folderClass: 'IPF.Contact' });
    const shallow = await call(`<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:ParentFolderIds><t:DistinguishedFolderId Id="contacts"/></m:ParentFolderIds></m:FindFolder>`);
    const deep = await call(`<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:ParentFolderIds><t:DistinguishedFolderId Id="contacts"/></m:ParentFolderIds></m:FindFolder>`);
    expect(findAll(shallow.messages[0]?.element, 'DisplayName').map((d) => d.text)).toEqual(['Kunden']);
    expect(findAll(deep.messages[0]?.element, 'DisplayName').map((d) => d.text)).toEqual(['Kunden', 'Bayern']);

    const folder = sandbox.control.createFolder(USER, { parent: 'msgfolderroot', displayName: 'Paging' });
    for (let i = 0; i < 5; i++) sandbox.control.createItem(USER, { folder: folder.id, kind: 'Message', fields: { Subject: `p${i}` } });
    const page = await call(`<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="2" Offset="4" BasePoint="Beginning"/><m:ParentFolderIds><t:FolderId Id="${folder.id}"/></m:ParentFolderIds></m:FindItem>`);
    const root = first(page.messages[0]?.element, 'RootFolder');
    expect(root?.attrs).toMatchObject({ TotalItemsInView: '5', IncludesLastItemInRange: 'true', IndexedPagingOffset: '5' });
    expect(findAll(root, 'ItemId')).toHaveLength(1);
  });

  it('reports folder creation through SyncFolderHierarchy', async () => {
    const first1 = await call(`<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape></m:SyncFolderHierarchy>`);
    const state = first(first1.messages[0]?.element, 'SyncState')?.text ?? '';
    expect(findAll(first1.messages[0]?.element, 'Create').length).toBeGreaterThan(8);
    const created = sandbox.control.createFolder(USER, { parent: 'inbox', displayName: 'Projekte' });
    const next = await call(`<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:SyncState>${state}</m:SyncState></m:SyncFolderHierarchy>`);
    expect(findAll(next.messages[0]?.element, 'FolderId').map((f) => f.attrs.Id)).toEqual([created.id]);
  });

  it('converts an id to HexEntryId and back', async () => {
    const a = await createContact('Convert');
    const hex = await call(`<m:ConvertId DestinationFormat="HexEntryId"><m:SourceIds><t:AlternateId Format="EwsId" Id="${a.id}" Mailbox="${USER}"/></m:SourceIds></m:ConvertId>`);
    const hexId = first(hex.messages[0]?.element, 'AlternateId')?.attrs.Id ?? '';
    expect(hexId).toMatch(/^[0-9A-F]+$/);
    const back = await call(`<m:ConvertId DestinationFormat="EwsId"><m:SourceIds><t:AlternateId Format="HexEntryId" Id="${hexId}" Mailbox="${USER}"/></m:SourceIds></m:ConvertId>`);
    expect(first(back.messages[0]?.element, 'AlternateId')?.attrs.Id).toBe(a.id);
  });
});

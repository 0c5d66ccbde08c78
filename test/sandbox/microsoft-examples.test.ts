import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../server/src/xml/parse-xml';
import { NS } from '../../server/src/xml/namespaces';
import { descend } from '../../server/src/xml/xml-element';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { EWS_EXAMPLES_DIR, ewsSchemaAvailable } from '../support/ews-schema';
import { findAll, first, readMessages, structure } from './support/ews-read';
import { readFault, SchemaCapture } from './support/schema-capture';
import { envelope, postSoap } from './support/soap-client';

const HERE = dirname(fileURLToPath(import.meta.url));
const examplesPresent = existsSync(resolve(EWS_EXAMPLES_DIR, 'README.md'));
const read = (name: string): string => readFileSync(resolve(EWS_EXAMPLES_DIR, name), 'utf8');

/** Each request example, the response example it must match, and the item it acts on. */
const CASES: readonly { request: string; response: string; target?: 'contact' | 'message' | 'recurring'; folder?: string }[] = [
  { request: 'createitem-calendaritem-recurring-request.xml', response: 'createitem-calendaritem-recurring-response.xml' },
  { request: 'getitem-calendaritem-recurring-request.xml', response: 'getitem-calendaritem-recurring-response.xml', target: 'recurring' },
  { request: 'createitem-calendaritem-request.xml', response: 'createitem-calendaritem-response.xml' },
  { request: 'createitem-contact-request.xml', response: 'createitem-contact-response.xml' },
  { request: 'createitem-contact-request-bad-folder.xml', response: 'error-ErrorCannotCreateContactInNonContactFolder.xml' },
  { request: 'createitem-task-request.xml', response: 'createitem-task-response.xml' },
  { request: 'findfolder-request-distinguished.xml', response: 'findfolder-response.xml' },
  { request: 'getfolder-request-distinguished.xml', response: 'getfolder-response.xml' },
  { request: 'getitem-calendaritem-request.xml', response: 'getitem-calendaritem-response-idonly.xml', target: 'recurring' },
  { request: 'getitem-contact-request.xml', response: 'getitem-contact-response.xml', target: 'contact' },
  { request: 'getitem-contact-request-mime.xml', response: 'error-ErrorUnsupportedMimeConversion-getitem-contact.xml', target: 'contact' },
  { request: 'updateitem-setitemfield-request.xml', response: 'updateitem-response.xml', target: 'message' },
  { request: 'updateitem-appendtoitemfield-request.xml', response: 'updateitem-response.xml', target: 'message' },
  { request: 'updateitem-deleteitemfield-request.xml', response: 'updateitem-response.xml', target: 'message' },
  { request: 'updateitem-contact-setitemfield-request.xml', response: 'updateitem-contact-response.xml', target: 'contact' },
  { request: 'syncfolderitems-01-request-initial.xml', response: 'syncfolderitems-02-response-initial-creates.xml' },
  { request: 'syncfolderitems-03-request-incremental.xml', response: 'syncfolderitems-04-response-update-create-readflag-delete.xml', folder: 'inbox' },
  { request: 'syncfolderitems-05-request-ref-ignore.xml', response: 'syncfolderitems-06-response-ref-create-meetingrequest.xml', target: 'message', folder: 'sentitems' },
  { request: 'deleteitem-request.xml', response: 'deleteitem-response.xml', target: 'contact' },
  { request: 'exchangeimpersonation-createitem-request.xml', response: 'exchangeimpersonation-createitem-response.xml' },
];

let sandbox: Sandbox;
const capture = new SchemaCapture();
let recurringId = '';

beforeAll(async () => {
  sandbox = await startSandbox();
  capture.attach(sandbox);
  const own = sandbox.basic.user;
  sandbox.control.createFolder(own, { parent: 'inbox', displayName: 'TestFolder' });
  for (let i = 0; i < 5; i++) sandbox.control.createItem(own, { kind: 'Message', folder: 'inbox', fields: { Subject: `Mail ${i}` } });
  sandbox.control.addMailbox({ smtpAddress: 'alfred@contoso.com' });
  sandbox.control.grantImpersonation('alfred@contoso.com');
});

afterAll(async () => {
  if (ewsSchemaAvailable) {
    const { validated } = await capture.validateAll();
    expect(validated).toBeGreaterThanOrEqual(2 * CASES.length - 2);
  }
  await sandbox.close();
});

/** Points the example at real objects: its placeholder ids and sync states would only earn documented errors. */
function prepare(xml: string, target: string | undefined, folder: string | undefined): string {
  const own = sandbox.basic.user;
  let out = xml;
  if (target) {
    const id = target === 'recurring' ? recurringId : sandbox.control.createItem(own, target === 'contact' ? { kind: 'Contact', fields: { GivenName: 'Beispiel', Surname: 'Kontakt' } } : { kind: 'Message', folder: 'sentitems', fields: { Subject: 'Beispiel' }, itemXml: '<t:Message xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:Body BodyType="Text">Hallo</t:Body></t:Message>' }).id;
    out = out.replace(/(<t:ItemId )Id=(["'])[^"']*\2(\s+ChangeKey=(["'])[^"']*\4)?/g, `$1Id="${id}"`);
  }
  if (folder) {
    const state = syncStateFor(folder);
    out = out.replace(/(SyncState>)[^<]*(<\/)/, `$1${state}$2`);
  }
  return out;
}

const pendingStates = new Map<string, string>();
function syncStateFor(folder: string): string {
  return pendingStates.get(folder) ?? '';
}

async function primeSyncState(folder: string): Promise<void> {
  const res = await postSoap(sandbox, envelope(`<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="${folder}"/></m:SyncFolderId><m:MaxChangesReturned>512</m:MaxChangesReturned></m:SyncFolderItems>`));
  pendingStates.set(folder, first(readMessages(res.body)[0]?.element, 'SyncState')?.text ?? '');
  const items = sandbox.control.listItems(sandbox.basic.user, folder);
  if (items[0]) sandbox.control.updateItem(sandbox.basic.user, items[0].id, { fields: { Subject: 'changed after the state' } });
  if (items[1]) sandbox.control.updateItem(sandbox.basic.user, items[1].id, { isRead: !items[1].isRead });
  if (items[2]) sandbox.control.deleteItem(sandbox.basic.user, items[2].id, 'HardDelete');
  sandbox.control.createItem(sandbox.basic.user, { kind: 'Message', folder, fields: { Subject: 'new after the state' } });
}

function responseElement(xml: string) {
  return descend(parseXml(xml), NS.soap, 'Body')?.children[0];
}

describe.skipIf(!examplesPresent)('Microsoft\u2019s published request examples', () => {
  it.each(CASES)('answers $request in the shape of $response', async ({ request, response, target, folder }) => {
    if (folder) await primeSyncState(folder);
    const res = await postSoap(sandbox, prepare(read(request), target, folder));
    const ours = responseElement(res.body);
    const theirs = request.startsWith('getitem-calendaritem-request') ? undefined : responseElement(read(response).replace(/(<\/?t:)Country>/g, '$1CountryOrRegion>'));
    if (request === 'createitem-calendaritem-recurring-request.xml') recurringId = first(ours, 'ItemId')?.attrs.Id ?? '';
    const expected = readMessages(read(response));
    const actual = readMessages(res.body);
    expect(actual.map((m) => [m.responseClass, m.code])).toEqual(expected.map((m) => [m.responseClass, m.code]));
    if (theirs) expect(structure(ours, 4)).toEqual(expect.arrayContaining(structure(theirs, 4)));
    expect(findAll(ours, 'ItemId').length > 0).toBe(findAll(descend(parseXml(read(response)), NS.soap, 'Body'), 'ItemId').length > 0);
  });

  it('answers a denied impersonation like the synthetic ErrorImpersonateUserDenied fixture', async () => {
    sandbox.control.revokeImpersonation('alfred@contoso.com');
    const res = await postSoap(sandbox, read('exchangeimpersonation-createitem-request.xml'));
    const fixture = readFileSync(resolve(HERE, '../fixtures/ews/error-ErrorImpersonateUserDenied.synthetic.xml'), 'utf8');
    expect(res.status).toBe(500);
    expect(readFault(res.body)).toEqual(readFault(fixture));
    expect(structure(descend(parseXml(res.body), NS.soap, 'Body'), 4)).toEqual(structure(descend(parseXml(fixture), NS.soap, 'Body'), 4));
    sandbox.control.grantImpersonation('alfred@contoso.com');
  });
});

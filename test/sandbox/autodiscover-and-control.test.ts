import { readFileSync } from 'node:fs';
import https from 'node:https';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../server/src/xml/namespaces';
import { parseXml } from '../../server/src/xml/parse-xml';
import { descend } from '../../server/src/xml/xml-element';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { EWS_EXAMPLES_DIR, ewsSchemaAvailable } from '../support/ews-schema';
import { findAll, first, readMessages, structure } from './support/ews-read';
import { SchemaCapture } from './support/schema-capture';
import { basicHeader, envelope, postRaw, postSoap } from './support/soap-client';

const USER = 'paula.wagner@contoso.example';
let sandbox: Sandbox;
const capture = new SchemaCapture();
const example = (name: string): string => readFileSync(resolve(EWS_EXAMPLES_DIR, name), 'utf8');

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  capture.attach(sandbox);
  sandbox.control.addMailbox({ smtpAddress: USER, displayName: 'Paula Wagner' });
});

afterAll(async () => {
  if (ewsSchemaAvailable) await capture.validateAll();
  await sandbox.close();
});

const auth = () => ({ authorization: basicHeader(sandbox.basic.user, sandbox.basic.password) });
const soapBody = (xml: string) => descend(parseXml(xml), NS.soap, 'Body');

describe('Autodiscover', () => {
  it('answers GetUserSettings in the shape of Microsoft\u2019s example with the sandbox EWS URL', async () => {
    const request = example('autodiscover-soap-getusersettings-request-ref.xml').replace('UserName@domain.contoso.com', USER).replace('<a:Setting>EwsSupportedSchemas</a:Setting>', '<a:Setting>EwsSupportedSchemas</a:Setting><a:Setting>ExternalEwsUrl</a:Setting><a:Setting>NoSuchSetting</a:Setting>');
    const res = await postRaw(sandbox, sandbox.autodiscoverSoapUrl, request, auth());
    expect(res.status).toBe(200);
    const ours = soapBody(res.body);
    const theirs = soapBody(example('autodiscover-soap-getusersettings-response-ref.xml'));
    expect(structure(ours, 6)).toEqual(expect.arrayContaining(structure(theirs, 6)));
    const settings = Object.fromEntries(findAll(ours, 'UserSetting').map((s) => [first(s, 'Name')?.text, first(s, 'Value')?.text]));
    expect(settings).toMatchObject({ UserDisplayName: 'Paula Wagner', ExternalEwsUrl: sandbox.ewsUrl });
    expect(first(ours, 'SettingName')?.text).toBe('NoSuchSetting');
  });

  it('redirects an address over SOAP and POX when told to', async () => {
    sandbox.control.setAutodiscoverRedirect('old.address@contoso.example', USER);
    const soap = example('autodiscover-soap-getusersettings-request-ref.xml').replace('UserName@domain.contoso.com', 'old.address@contoso.example');
    const res = await postRaw(sandbox, sandbox.autodiscoverSoapUrl, soap, auth());
    expect(first(soapBody(res.body), 'UserResponse')?.children.map((c) => [c.local, c.text])).toEqual(expect.arrayContaining([['ErrorCode', 'RedirectAddress'], ['RedirectTarget', USER]]));
    const pox = await postRaw(sandbox, sandbox.autodiscoverPoxUrl, example('autodiscover-pox-request-ref.xml').replace('user@contoso.com', 'old.address@contoso.example'), auth());
    expect(structure(parseXml(pox.body), 4)).toEqual(structure(parseXml(example('autodiscover-pox-redirectaddr.xml')), 4));
    expect(first(parseXml(pox.body), 'RedirectAddr')?.text).toBe(USER);
  });

  it('answers POX with an EwsUrl for a mailbox and error 600 for an invalid request', async () => {
    const ok = await postRaw(sandbox, sandbox.autodiscoverPoxUrl, example('autodiscover-pox-request-ref.xml').replace('user@contoso.com', USER), auth());
    expect(findAll(parseXml(ok.body), 'EwsUrl').map((e) => e.text)).toContain(sandbox.ewsUrl);
    const bad = await postRaw(sandbox, sandbox.autodiscoverPoxUrl, '<nonsense/>', auth());
    expect(structure(parseXml(bad.body), 4)).toEqual(structure(parseXml(example('autodiscover-pox-error-600-ref.xml')), 4));
  });

  it('needs credentials', async () => {
    expect((await postRaw(sandbox, sandbox.autodiscoverPoxUrl, '<x/>')).status).toBe(401);
  });
});

describe('demo seed', () => {
  it('holds German and English contacts, a recurring series with an exception, tasks and mail', () => {
    const anna = 'anna.schmidt@contoso.example';
    const contacts = sandbox.control.listItems(anna, 'contacts').map((c) => c.fields.GivenName);
    expect(contacts).toEqual(expect.arrayContaining(['Jürgen', 'Emily']));
    const series = sandbox.control.listItems(anna, 'calendar').find((i) => i.xml.includes('<t:Recurrence>'));
    expect(series?.xml).toContain('<t:ModifiedOccurrences>');
    expect(sandbox.control.listItems(anna, 'tasks')).toHaveLength(2);
    expect(sandbox.control.listItems(anna, 'inbox').some((m) => !m.isRead)).toBe(true);
  });
});

describe('control API over HTTP', () => {
  const control = (method: string, path: string, body?: unknown, token = sandbox.controlToken) =>
    new Promise<{ status: number; json: unknown }>((done, fail) => {
      const req = https.request(new URL(`/_control${path}`, sandbox.ewsUrl), { method, ca: sandbox.caCertPem, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          done({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined });
        });
      });
      req.on('error', fail);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  it('refuses calls without the control token', async () => {
    expect((await control('GET', '/mailboxes', undefined, 'wrong')).status).toBe(401);
  });

  it('adds a mailbox, grants impersonation, edits an item like Outlook and counts the calls', async () => {
    const smtp = 'remote.test@contoso.example';
    expect((await control('POST', '/mailboxes', { smtpAddress: smtp })).status).toBe(201);
    expect((await control('PUT', `/mailboxes/${smtp}/impersonation`)).status).toBe(204);
    const created = await control('POST', `/mailboxes/${smtp}/items`, { kind: 'Contact', fields: { GivenName: 'Remote' } });
    const id = (created.json as { id: string }).id;
    await control('DELETE', '/counters');
    await control('PUT', '/capture');
    const res = await postSoap(sandbox, envelope(`<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`, { impersonate: smtp }));
    expect(readMessages(res.body)[0]?.code).toBe('NoError');
    const edited = await control('PATCH', `/mailboxes/${smtp}/items/${encodeURIComponent(id)}`, { fields: { GivenName: 'Edited' } });
    expect((edited.json as { fields: { GivenName: string } }).fields.GivenName).toBe('Edited');
    expect((await control('GET', '/counters')).json).toMatchObject({ total: 1, byOperation: { GetItem: 1 }, byMailbox: { [smtp]: 1 } });
    const captured = (await control('GET', '/capture')).json as { operation: string; responseXml: string }[];
    expect(captured.map((c) => c.operation)).toEqual(['GetItem']);
    expect((await control('PUT', '/faults', { probabilities: { http503: 1 } })).status).toBe(204);
    expect((await postSoap(sandbox, envelope('<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>'))).status).toBe(503);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await control('GET', `/mailboxes/nobody@x.example/folders`)).status).toBe(404);
    expect((await control('PUT', '/faults', { probabilities: { http503: 7 } })).status).toBe(400);
  });

  it('resets to the seeded state', async () => {
    sandbox.control.addMailbox({ smtpAddress: 'temp@contoso.example' });
    expect((await control('POST', '/reset', {})).status).toBe(204);
    const names = (sandbox.control.listMailboxes()).map((m) => m.smtpAddress);
    expect(names).not.toContain('temp@contoso.example');
    expect(names).toContain('anna.schmidt@contoso.example');
  });
});

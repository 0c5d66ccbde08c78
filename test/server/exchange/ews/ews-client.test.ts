import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExchangeError } from '../../../../server/src/exchange/exchange-error';
import { EwsClient } from '../../../../server/src/exchange/ews/ews-client';
import { NS } from '../../../../server/src/xml/namespaces';
import { parseXml } from '../../../../server/src/xml/parse-xml';
import { childrenNamed, descend, firstChild } from '../../../../server/src/xml/xml-element';
import { generateLocalhostCertificate, M, soapResponse, startLocalServer, type LocalServer } from './local-server';

const folderResponse = soapResponse(
  `<m:GetFolderResponse ${M}><m:ResponseMessages><m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
   <m:Folders><t:Folder><t:FolderId Id="ROOT" ChangeKey="CK"/><t:DisplayName>Top of Information Store</t:DisplayName></t:Folder></m:Folders>
   </m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse>`,
);

/** Answers GetItem with one contact per requested id; ids starting with "missing" fail with ErrorItemNotFound. */
function getItemResponse(requestBody: string): string {
  const ids = childrenNamed(descend(parseXml(requestBody), NS.soap, 'Body')?.children[0]?.children[1], NS.types, 'ItemId').map((i) => i.attrs['Id'] ?? '');
  const messages = ids.map((id) =>
    id.startsWith('missing')
      ? '<m:GetItemResponseMessage ResponseClass="Error"><m:MessageText>not found</m:MessageText><m:ResponseCode>ErrorItemNotFound</m:ResponseCode><m:Items/></m:GetItemResponseMessage>'
      : `<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items><t:Contact><t:ItemId Id="${id}" ChangeKey="ck"/><t:DisplayName>Contact ${id}</t:DisplayName></t:Contact></m:Items></m:GetItemResponseMessage>`,
  );
  return soapResponse(`<m:GetItemResponse ${M}><m:ResponseMessages>${messages.join('')}</m:ResponseMessages></m:GetItemResponse>`);
}

describe('EwsClient over HTTP', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer((_req, res) => res.end(folderResponse));
  });
  afterAll(() => server.close());

  it('names the impersonated mailbox in the SOAP header and in X-AnchorMailbox, with Basic auth', async () => {
    server.handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(folderResponse);
    const client = EwsClient.create({ url: `${server.url}/EWS/Exchange.asmx`, credentials: { kind: 'basic', username: 'svc', password: 'pw' }, impersonate: 'alice@contoso.com' });
    const [outcome] = await client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] });
    client.close();
    expect(outcome).toMatchObject({ ok: true, value: { displayName: 'Top of Information Store' } });
    const sent = server.requests.at(-1);
    expect(sent?.headers['x-anchormailbox']).toBe('alice@contoso.com');
    expect(sent?.headers.authorization).toBe(`Basic ${Buffer.from('svc:pw').toString('base64')}`);
    expect(sent?.headers['content-type']).toBe('text/xml; charset=utf-8');
    const header = firstChild(parseXml(sent?.body ?? ''), NS.soap, 'Header');
    expect(descend(header, NS.types, 'ExchangeImpersonation', 'ConnectingSID', 'PrimarySmtpAddress')?.text).toBe('alice@contoso.com');
    expect(firstChild(header, NS.types, 'RequestServerVersion')?.attrs['Version']).toBe('Exchange2013_SP1');
  });

  it('sends no impersonation header nor X-AnchorMailbox when acting as itself', async () => {
    server.handler = (_req, res) => res.end(folderResponse);
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' }, version: 'Exchange2010_SP2' });
    await client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] });
    client.close();
    const sent = server.requests.at(-1);
    expect(sent?.headers['x-anchormailbox']).toBeUndefined();
    const header = firstChild(parseXml(sent?.body ?? ''), NS.soap, 'Header');
    expect(firstChild(header, NS.types, 'ExchangeImpersonation')).toBeUndefined();
    expect(firstChild(header, NS.types, 'RequestServerVersion')?.attrs['Version']).toBe('Exchange2010_SP2');
  });

  it('splits a large GetItem into batches and returns one outcome per id in order, item errors included', async () => {
    server.handler = (req, res) => res.end(getItemResponse(req.body));
    const before = server.requests.length;
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' }, readBatchSize: 100 });
    const ids = Array.from({ length: 250 }, (_, i) => ({ id: i === 120 ? 'missing-120' : `id-${i}` }));
    const outcomes = await client.getItem({ itemIds: ids });
    client.close();
    expect(server.requests.length - before).toBe(3);
    expect(outcomes).toHaveLength(250);
    expect(outcomes[120]).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(outcomes.filter((o) => o.ok)).toHaveLength(249);
    expect(outcomes[249]).toMatchObject({ ok: true, value: { itemId: { id: 'id-249' } } });
  });

  it('throws an envelope-level fault for the whole call', async () => {
    server.handler = (_req, res) =>
      res.writeHead(500).end(
        soapResponse(
          '<s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</faultcode><faultstring>busy</faultstring></s:Fault>',
        ),
      );
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' } });
    await expect(client.getItem({ itemIds: [{ id: 'a' }] })).rejects.toMatchObject({ kind: 'throttled', code: 'ErrorServerBusy' });
    client.close();
  });

  it('retries a 401 once, then reports auth-failed', async () => {
    server.handler = (_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic' }).end();
    const before = server.requests.length;
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'wrong' } });
    await expect(client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] })).rejects.toMatchObject({ kind: 'auth-failed', httpStatus: 401 });
    client.close();
    expect(server.requests.length - before).toBe(2);
  });

  it('gives up after the per-call timeout with a temporary error', async () => {
    server.handler = () => undefined;
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' }, timeoutMs: 200 });
    await expect(client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] })).rejects.toMatchObject({ kind: 'temporary', code: 'ETIMEDOUT' });
    client.close();
  });

  it('refuses a response larger than the configured bound', async () => {
    server.handler = (_req, res) => res.end(soapResponse(`<x>${'a'.repeat(200_000)}</x>`));
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' }, maxResponseBytes: 50_000 });
    await expect(client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] })).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    client.close();
  });

  it('rejects bad arguments before any request is sent', async () => {
    const before = server.requests.length;
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' } });
    await expect(client.getItem({ itemIds: [] })).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(client.syncFolderItems({ folderId: { distinguished: 'contacts' }, maxChanges: 513 })).rejects.toMatchObject({ kind: 'invalid-request' });
    client.close();
    expect(server.requests.length).toBe(before);
  });
});

describe('EwsClient over HTTPS with a private CA', () => {
  let server: LocalServer;
  let cert: string;
  beforeAll(async () => {
    const tls = await generateLocalhostCertificate();
    cert = tls.cert;
    server = await startLocalServer((_req, res) => res.end(folderResponse), tls);
  });
  afterAll(() => server.close());

  it('trusts the server when its CA is configured', async () => {
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' }, caCertPem: cert });
    const [outcome] = await client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] });
    client.close();
    expect(outcome?.ok).toBe(true);
  });

  it('fails with the TLS error code when the CA is unknown', async () => {
    const client = EwsClient.create({ url: server.url, credentials: { kind: 'basic', username: 'svc', password: 'pw' } });
    const error: unknown = await client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] }).catch((e: unknown) => e);
    client.close();
    expect(isExchangeError(error) && error.code).toMatch(/SELF_SIGNED|CERT|UNABLE_TO_VERIFY/);
  });
});

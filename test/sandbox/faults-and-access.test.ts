import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { ewsSchemaAvailable } from '../support/ews-schema';
import { readMessages } from './support/ews-read';
import { readFault, SchemaCapture } from './support/schema-capture';
import { basicHeader, envelope, postRaw, postSoap } from './support/soap-client';

const USER = 'lena.berger@contoso.example';
const OTHER = 'tom.fischer@contoso.example';
let sandbox: Sandbox;
const capture = new SchemaCapture();
const getInbox = (impersonate?: string) =>
  envelope(`<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>`, { impersonate });

beforeAll(async () => {
  sandbox = await startSandbox({ faultSeed: 42 });
  capture.attach(sandbox);
  sandbox.control.addMailbox({ smtpAddress: USER, password: 'lena-pass' });
  sandbox.control.addMailbox({ smtpAddress: OTHER });
});

beforeEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.setPolicy({ ewsEnabled: true, blockedMailboxes: [] });
  sandbox.control.grantImpersonation(USER);
});

afterAll(async () => {
  if (ewsSchemaAvailable) {
    const { validated } = await capture.validateAll();
    expect(validated).toBeGreaterThan(5);
  }
  await sandbox.close();
});

describe('authentication and impersonation', () => {
  it('answers 401 without or with wrong credentials', async () => {
    expect((await postRaw(sandbox, sandbox.ewsUrl, getInbox())).status).toBe(401);
    expect((await postSoap(sandbox, getInbox(), { password: 'wrong' })).status).toBe(401);
  });

  it('lets the service account impersonate granted mailboxes only, with ErrorImpersonateUserDenied otherwise', async () => {
    expect(readMessages((await postSoap(sandbox, getInbox(USER))).body)[0]?.code).toBe('NoError');
    const denied = await postSoap(sandbox, getInbox(OTHER));
    expect(denied.status).toBe(500);
    expect(readFault(denied.body)?.responseCode).toBe('ErrorImpersonateUserDenied');
    sandbox.control.revokeImpersonation(USER);
    expect(readFault((await postSoap(sandbox, getInbox(USER))).body)?.responseCode).toBe('ErrorImpersonateUserDenied');
  });

  it('acts on the caller\u2019s own mailbox without impersonation and refuses impersonation by a normal user', async () => {
    const own = await postSoap(sandbox, getInbox(), { user: USER, password: 'lena-pass' });
    expect(readMessages(own.body)[0]?.code).toBe('NoError');
    expect(sandbox.control.counters().byMailbox[USER]).toBeGreaterThan(0);
    const asUser = await postSoap(sandbox, getInbox(OTHER), { user: USER, password: 'lena-pass' });
    expect(readFault(asUser.body)?.responseCode).toBe('ErrorImpersonateUserDenied');
  });

  it('answers ErrorNonExistentMailbox for an unknown impersonated address', async () => {
    expect(readFault((await postSoap(sandbox, getInbox('nobody@contoso.example'))).body)?.responseCode).toBe('ErrorNonExistentMailbox');
  });

  it('counts impersonated calls that lack X-AnchorMailbox', async () => {
    sandbox.control.resetCounters();
    await postSoap(sandbox, getInbox(USER));
    await postSoap(sandbox, getInbox(USER), { headers: { 'X-AnchorMailbox': USER } });
    expect(sandbox.control.counters()).toMatchObject({ total: 2, withoutAnchorMailbox: 1, byOperation: { GetFolder: 2 } });
  });
});

describe('policy', () => {
  it('answers HTTP 403 with X-EWS-Policy-Reason when EWS is disabled tenant-wide or for a mailbox', async () => {
    sandbox.control.setPolicy({ ewsEnabled: false, reason: 'EwsEnabled=False' });
    const res = await postSoap(sandbox, getInbox(USER));
    expect(res.status).toBe(403);
    expect(res.headers['x-ews-policy-reason']).toBe('EwsEnabled=False');
    sandbox.control.setPolicy({ ewsEnabled: true, blockedMailboxes: [USER] });
    expect((await postSoap(sandbox, getInbox(USER))).status).toBe(403);
    expect((await postSoap(sandbox, getInbox())).status).toBe(200);
  });
});

describe('faults', () => {
  it('throttles with ErrorServerBusy carrying BackOffMilliseconds in MessageXml', async () => {
    sandbox.control.injectFaults({ probabilities: { serverBusy: 1 }, backOffMilliseconds: 297749 });
    const res = await postSoap(sandbox, getInbox(USER));
    expect(res.status).toBe(500);
    expect(readFault(res.body)).toMatchObject({ responseCode: 'ErrorServerBusy', backOff: '297749', faultcode: 'a:ErrorServerBusy' });
  });

  it('answers HTTP 500 and 503 and 401 on demand', async () => {
    for (const [kind, status] of [['http500', 500], ['http503', 503], ['unauthorized', 401]] as const) {
      sandbox.control.injectFaults({ probabilities: { [kind]: 1 } });
      expect((await postSoap(sandbox, getInbox(USER))).status).toBe(status);
    }
  });

  it('resets the connection and hangs until the client gives up', async () => {
    sandbox.control.injectFaults({ probabilities: { reset: 1 } });
    await expect(postSoap(sandbox, getInbox(USER))).rejects.toThrow(/socket hang up|ECONNRESET/);
    sandbox.control.injectFaults({ probabilities: { timeout: 1 } });
    await expect(postRaw(sandbox, sandbox.ewsUrl, getInbox(USER), { authorization: basicHeader(sandbox.basic.user, sandbox.basic.password) }, 300)).rejects.toThrow(/client timeout/);
  });

  it('limits faults to the listed operations and mailboxes and stops after maxFaults', async () => {
    sandbox.control.injectFaults({ probabilities: { http503: 1 }, mailboxes: [OTHER], maxFaults: 1 });
    expect((await postSoap(sandbox, getInbox(USER))).status).toBe(200);
    sandbox.control.injectFaults({ probabilities: { http503: 1 }, operations: ['GetFolder'], maxFaults: 1 });
    expect((await postSoap(sandbox, getInbox(USER))).status).toBe(503);
    expect((await postSoap(sandbox, getInbox(USER))).status).toBe(200);
  });

  it('faults at least 20 % of calls reproducibly for the same seed', async () => {
    const run = async () => {
      sandbox.control.injectFaults({ probabilities: { http500: 0.1, http503: 0.1, serverBusy: 0.1 }, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await postSoap(sandbox, getInbox(USER))).status);
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.filter((s) => s !== 200).length / first.length).toBeGreaterThanOrEqual(0.2);
  });

  it('refuses calls beyond the per-mailbox concurrency limit with ErrorExceededConnectionCount', async () => {
    sandbox.control.injectFaults({ maxConcurrentPerMailbox: 2, latencyMs: 150 });
    const results = await Promise.all(Array.from({ length: 4 }, () => postSoap(sandbox, getInbox(USER))));
    const codes = results.map((r) => (r.status === 200 ? 'ok' : readFault(r.body)?.responseCode));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(2);
    expect(codes.filter((c) => c === 'ErrorExceededConnectionCount')).toHaveLength(2);
  });
});

describe('hostile input', () => {
  const auth = () => ({ authorization: basicHeader(sandbox.basic.user, sandbox.basic.password) });
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&lol2;</soap:Body></soap:Envelope>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&e;</soap:Body></soap:Envelope>`;

  it.each([
    ['malformed XML', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'],
    ['an entity bomb', bomb],
    ['an external entity', xxe],
    ['a non-SOAP document', '<html/>'],
    ['an empty body', ''],
    ['an unknown operation', envelope('<m:FlyToTheMoon/>')],
  ])('answers %s with a SOAP fault (HTTP 500) and keeps serving', async (_name, body) => {
    const res = await postRaw(sandbox, sandbox.ewsUrl, body, auth());
    expect(res.status).toBe(500);
    expect(readFault(res.body)?.responseCode).toMatch(/^Error(SchemaValidation|InvalidRequest)$/);
    expect((await postSoap(sandbox, getInbox(USER))).status).toBe(200);
  });

  it('refuses an oversized body with a SOAP fault', async () => {
    const res = await postRaw(sandbox, sandbox.ewsUrl, `<x>${'a'.repeat(9 * 1024 * 1024)}</x>`, auth());
    expect(res.status).toBe(500);
    expect(readFault(res.body)?.responseCode).toBe('ErrorSchemaValidation');
  });
});

import { describe, expect, it } from 'vitest';
import { testConnection, type TestConnectionInput } from '../../../../server/src/exchange/autodiscover/test-connection';
import type { HttpRequest, HttpResponse } from '../../../../server/src/exchange/ews/http-client';
import { errorFromNetworkFailure } from '../../../../server/src/exchange/ews/error-map';

const fault = (code: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:${code}</faultcode><faultstring>${code}</faultstring></s:Fault></s:Body></s:Envelope>`;

const folderOk = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:GetFolderResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
<m:ResponseMessages><m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Folders><t:Folder><t:FolderId Id="R"/></t:Folder></m:Folders>
</m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>`;

function answering(answer: HttpResponse | Error): (req: HttpRequest) => Promise<HttpResponse> {
  return () => (answer instanceof Error ? Promise.reject(errorFromNetworkFailure(answer)) : Promise.resolve(answer));
}

const netError = (code: string): Error => Object.assign(new Error(code), { code });

const base: TestConnectionInput = { url: 'https://mail.contoso.com/EWS/Exchange.asmx', credentials: { kind: 'basic', username: 'svc', password: 'pw' } };

/** Just enough of an Entra authority for MSAL: OIDC metadata, and a token endpoint refusing the secret. */
function fakeAuthority(req: HttpRequest): Promise<HttpResponse> {
  const json = (status: number, body: unknown): Promise<HttpResponse> => Promise.resolve({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // MSAL adds query parameters (client-request-id…) to the token URL.
  const url = req.url.split('?')[0];
  if (url === 'https://login.invalid/t/v2.0/.well-known/openid-configuration') {
    return json(200, {
      issuer: 'https://login.invalid/t/v2.0',
      authorization_endpoint: 'https://login.invalid/t/oauth2/v2.0/authorize',
      token_endpoint: 'https://login.invalid/t/oauth2/v2.0/token',
      end_session_endpoint: 'https://login.invalid/t/oauth2/v2.0/logout',
      jwks_uri: 'https://login.invalid/t/discovery/v2.0/keys',
      response_types_supported: ['code'],
    });
  }
  if (url === 'https://login.invalid/t/oauth2/v2.0/token') {
    return json(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] });
  }
  return Promise.reject(new Error(`unexpected request to ${req.url}`));
}

describe('test connection', () => {
  it('succeeds on a readable folder root and names the impersonated mailbox', async () => {
    const result = await testConnection({ ...base, impersonate: 'alice@contoso.com', request: answering({ status: 200, headers: {}, body: folderOk }) });
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toContain('alice@contoso.com');
  });

  it.each([
    ['DNS failure', answering(netError('ENOTFOUND')), 'dns', /cannot be resolved/],
    ['untrusted certificate', answering(netError('SELF_SIGNED_CERT_IN_CHAIN')), 'tls', /not trusted/],
    ['refused connection', answering(netError('ECONNREFUSED')), 'refused', /firewall/],
    ['timeout', answering(netError('ETIMEDOUT')), 'timeout', /did not answer in time/],
    ['HTTP 401', answering({ status: 401, headers: {}, body: '' }), 'auth', /password/],
    ['HTTP 403 with X-EWS-Policy-Reason', answering({ status: 403, headers: { 'x-ews-policy-reason': 'AppBlocked' }, body: '' }), 'ews-disabled', /EwsAllowedAppIDs/],
    ['HTTP 403', answering({ status: 403, headers: {}, body: '' }), 'forbidden', /EwsEnabled/],
    ['impersonation denied', answering({ status: 500, headers: {}, body: fault('ErrorImpersonateUserDenied') }), 'impersonation', /ApplicationImpersonation/],
    ['wrong schema version', answering({ status: 500, headers: {}, body: fault('ErrorInvalidServerVersion') }), 'version', /older version/],
    ['no EWS at the URL', answering({ status: 404, headers: {}, body: 'Not Found' }), 'not-found', /Discover URL/],
  ] as const)('explains a %s with what to check', async (_name, request, problem, message) => {
    const result = await testConnection({ ...base, impersonate: 'alice@contoso.com', request });
    expect(result).toMatchObject({ ok: false, problem });
    expect(result.message).toMatch(message);
  });

  it('points OAuth users at the client secret value, not its id', async () => {
    const result = await testConnection({
      ...base,
      credentials: { kind: 'oauth', tenantId: 't', clientId: 'c', clientSecret: 's', authority: 'https://login.invalid/t' },
      request: fakeAuthority,
    });
    expect(result).toMatchObject({ ok: false, problem: "auth" });
    expect(result.message).toContain('client secret VALUE — not its ID');
  });
});

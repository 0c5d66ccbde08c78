import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePoxResponse, buildPoxRequest } from '../../../../server/src/exchange/autodiscover/autodiscover-pox';
import { buildGetUserSettingsRequest, parseGetUserSettingsResponse } from '../../../../server/src/exchange/autodiscover/autodiscover-soap';
import { discoverEwsUrl } from '../../../../server/src/exchange/autodiscover/discover-ews-url';
import { createBasicAuth } from '../../../../server/src/exchange/ews/ews-auth';
import type { HttpRequest, HttpResponse } from '../../../../server/src/exchange/ews/http-client';
import { NS } from '../../../../server/src/xml/namespaces';
import { parseXml, XmlParseError } from '../../../../server/src/xml/parse-xml';
import { descend } from '../../../../server/src/xml/xml-element';
import { EWS_EXAMPLES_DIR } from '../../../support/ews-schema';
import { readExample } from '../ews/example-support';

const examplesPresent = existsSync(EWS_EXAMPLES_DIR);

describe.skipIf(!examplesPresent)("Microsoft's Autodiscover examples", () => {
  it('reads EWS URL, version and supported schemas from the SOAP GetUserSettings reference response', () => {
    const answer = parseGetUserSettingsResponse(readExample('autodiscover-soap-getusersettings-response-ref.xml'));
    expect(answer).toMatchObject({ kind: 'settings', settings: { casVersion: '14.00.0478.000', ewsSupportedSchemas: ['Exchange2007', 'Exchange2010'] } });
  });

  it('refuses the truncated how-to response with a parse error instead of guessing', () => {
    expect(() => parseGetUserSettingsResponse(readExample('autodiscover-soap-getusersettings-response-howto.xml'))).toThrow(XmlParseError);
  });

  it('reports the "redirect response" example as what it really is: a request, not an answer', () => {
    expect(parseGetUserSettingsResponse(readExample('autodiscover-soap-redirect-response.xml'))).toMatchObject({ kind: 'error', code: 'UnexpectedMessage' });
  });

  it('reads internal EWS URL and display name from the POX responses', () => {
    expect(parsePoxResponse(readExample('autodiscover-pox-response-howto.xml'))).toMatchObject({
      kind: 'settings',
      settings: { internalEwsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx', displayName: 'Mara Whitley' },
    });
    expect(parsePoxResponse(readExample('autodiscover-pox-response-ref.xml')).kind).toMatch(/settings|error/);
  });

  it('reads the POX redirectAddr and error 600 answers', () => {
    expect(parsePoxResponse(readExample('autodiscover-pox-redirectaddr.xml'))).toEqual({ kind: 'redirectAddress', address: 'elvin@mail.contoso.com' });
    expect(parsePoxResponse(readExample('autodiscover-pox-error-600-ref.xml'))).toMatchObject({ kind: 'error', code: '600', message: 'Invalid Request' });
  });

  it('builds requests that mean the same as the published request examples', () => {
    const ours = parseXml(buildGetUserSettingsRequest('User1@mail.Contoso.com', 'https://autodiscover.exchange.microsoft.com/autodiscover/autodiscover.svc'));
    const theirs = parseXml(readExample('autodiscover-soap-getusersettings-request-ref.xml'));
    const mailbox = (doc: typeof ours) => descend(doc, NS.soap, 'Body')?.children[0]?.children[0]?.children[0]?.children[0]?.children[0]?.text.trim();
    expect(mailbox(ours)).toBe('User1@mail.Contoso.com');
    expect(descend(theirs, NS.soap, 'Body')?.children[0]?.local).toBe(descend(ours, NS.soap, 'Body')?.children[0]?.local);
    const pox = parseXml(buildPoxRequest('user@contoso.com'));
    const published = parseXml(readExample('autodiscover-pox-request-ref.xml'));
    expect(pox).toEqual(JSON.parse(JSON.stringify(published, (k, v: unknown) => (k === 'text' && typeof v === 'string' ? v.trim() : v))));
  });
});

const soapSettings = (ewsUrl: string): string => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<GetUserSettingsResponseMessage xmlns="http://schemas.microsoft.com/exchange/2010/Autodiscover"><Response><ErrorCode>NoError</ErrorCode><UserResponses><UserResponse>
<ErrorCode>NoError</ErrorCode><UserSettings><UserSetting><Name>ExternalEwsUrl</Name><Value>${ewsUrl}</Value></UserSetting>
<UserSetting><Name>CasVersion</Name><Value>15.02.1544.004</Value></UserSetting></UserSettings></UserResponse></UserResponses></Response>
</GetUserSettingsResponseMessage></s:Body></s:Envelope>`;

const soapRedirect = (code: 'RedirectAddress' | 'RedirectUrl', target: string): string => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<GetUserSettingsResponseMessage xmlns="http://schemas.microsoft.com/exchange/2010/Autodiscover"><Response><ErrorCode>NoError</ErrorCode><UserResponses><UserResponse>
<ErrorCode>${code}</ErrorCode><RedirectTarget>${target}</RedirectTarget></UserResponse></UserResponses></Response></GetUserSettingsResponseMessage></s:Body></s:Envelope>`;

/** A fake network: URL → answer; everything else is a DNS failure, as for unknown hosts. */
function fakeNetwork(routes: Record<string, (req: HttpRequest) => HttpResponse>) {
  const seen: string[] = [];
  const request = (req: HttpRequest): Promise<HttpResponse> => {
    seen.push(`${req.method} ${req.url}`);
    const route = routes[req.url];
    if (!route) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(req.url).host}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(route(req));
  };
  return { request, seen };
}

const ok = (body: string): HttpResponse => ({ status: 200, headers: {}, body });
const auth = createBasicAuth('svc', 'pw');

describe('Autodiscover discovery', () => {
  it('tries the documented endpoints in order and falls back from SOAP to POX', async () => {
    const poxBody = readExample('autodiscover-pox-response-howto.xml');
    const net = fakeNetwork({
      'https://contoso.com/autodiscover/autodiscover.svc': () => ({ status: 404, headers: {}, body: '' }),
      'https://contoso.com/autodiscover/autodiscover.xml': () => ok(poxBody),
    });
    const result = await discoverEwsUrl({ email: 'mara@contoso.com', auth, request: net.request });
    expect(result).toMatchObject({ ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx', endpoint: { protocol: 'pox' } });
    expect(net.seen).toEqual(['POST https://contoso.com/autodiscover/autodiscover.svc', 'POST https://contoso.com/autodiscover/autodiscover.xml']);
  });

  it('moves on to autodiscover.<domain> when the domain itself does not answer', async () => {
    const net = fakeNetwork({ 'https://autodiscover.contoso.com/autodiscover/autodiscover.svc': () => ok(soapSettings('https://mail.contoso.com/EWS/Exchange.asmx')) });
    const result = await discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request });
    expect(result.settings.casVersion).toBe('15.02.1544.004');
    expect(result.attempts.map((a) => a.url)).toContain('https://contoso.com/autodiscover/autodiscover.xml');
  });

  it('follows RedirectAddress to the new mailbox and HTTP 302 to a new https endpoint', async () => {
    const net = fakeNetwork({
      'https://contoso.com/autodiscover/autodiscover.svc': () => ok(soapRedirect('RedirectAddress', 'a@fabrikam.com')),
      'https://fabrikam.com/autodiscover/autodiscover.svc': () => ({ status: 302, headers: { location: 'https://mail.fabrikam.com/autodiscover/autodiscover.svc' }, body: '' }),
      'https://mail.fabrikam.com/autodiscover/autodiscover.svc': (req) => ok(soapSettings((req.body ?? '').includes('a@fabrikam.com') ? 'https://mail.fabrikam.com/EWS/Exchange.asmx' : 'wrong')),
    });
    const result = await discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request });
    expect(result).toMatchObject({ ewsUrl: 'https://mail.fabrikam.com/EWS/Exchange.asmx', email: 'a@fabrikam.com' });
  });

  it('follows RedirectUrl answers', async () => {
    const net = fakeNetwork({
      'https://contoso.com/autodiscover/autodiscover.svc': () => ok(soapRedirect('RedirectUrl', 'https://ex2.contoso.com/autodiscover/autodiscover.svc')),
      'https://ex2.contoso.com/autodiscover/autodiscover.svc': () => ok(soapSettings('https://ex2.contoso.com/EWS/Exchange.asmx')),
    });
    expect((await discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request })).ewsUrl).toBe('https://ex2.contoso.com/EWS/Exchange.asmx');
  });

  it('detects a redirect loop between two addresses', async () => {
    const net = fakeNetwork({
      'https://contoso.com/autodiscover/autodiscover.svc': () => ok(soapRedirect('RedirectAddress', 'a@fabrikam.com')),
      'https://fabrikam.com/autodiscover/autodiscover.svc': () => ok(soapRedirect('RedirectAddress', 'a@contoso.com')),
    });
    await expect(discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request })).rejects.toMatchObject({ code: 'AUTODISCOVER_REDIRECT_LOOP' });
  });

  it('stops after the redirect bound', async () => {
    const routes: Record<string, (req: HttpRequest) => HttpResponse> = {};
    for (let i = 0; i < 20; i += 1) {
      routes[`https://h${i}.contoso.com/autodiscover/autodiscover.svc`] = () => ok(soapRedirect('RedirectUrl', `https://h${i + 1}.contoso.com/autodiscover/autodiscover.svc`));
    }
    const net = fakeNetwork(routes);
    await expect(
      discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request, explicitUrls: ['https://h0.contoso.com/autodiscover/autodiscover.svc'], maxRedirects: 5 }),
    ).rejects.toMatchObject({ code: 'AUTODISCOVER_TOO_MANY_REDIRECTS' });
    expect(net.seen).toHaveLength(6);
  });

  it('uses the unauthenticated HTTP redirect probe without sending credentials, then SRV', async () => {
    let probeAuth: string | undefined = 'unset';
    const net = fakeNetwork({
      'http://autodiscover.contoso.com/autodiscover/autodiscover.xml': (req) => {
        probeAuth = req.headers['authorization'];
        return { status: 302, headers: { location: 'https://hosted.example.net/autodiscover/autodiscover.xml' }, body: '' };
      },
      'https://hosted.example.net/autodiscover/autodiscover.xml': () => ok(readExample('autodiscover-pox-response-howto.xml')),
    });
    const result = await discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request });
    expect(probeAuth).toBeUndefined();
    expect(result.endpoint.url).toBe('https://hosted.example.net/autodiscover/autodiscover.xml');
  });

  it('reports every attempt when nothing is found', async () => {
    const net = fakeNetwork({});
    const error: unknown = await discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request, resolveSrv: () => Promise.resolve([]) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not-found', code: 'AUTODISCOVER_FAILED' });
    expect(net.seen).toHaveLength(5);
  });

  it('never sends credentials to an http:// endpoint', async () => {
    const net = fakeNetwork({});
    await expect(discoverEwsUrl({ email: 'a@contoso.com', auth, request: net.request, explicitUrls: ['http://plain.contoso.com/autodiscover/autodiscover.svc'] })).rejects.toMatchObject({
      code: 'AUTODISCOVER_FAILED',
    });
    expect(net.seen).toEqual([]);
  });
});

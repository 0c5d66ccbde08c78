import { ExchangeError } from '../exchange-error';
import type { AuthProvider } from '../ews/ews-auth';
import type { HttpRequestFn, HttpResponse } from '../ews/http-client';
import {
  candidateEndpoints,
  domainOf,
  endpointsForHost,
  explicitEndpoint,
  redirectProbeUrl,
  srvRecordName,
  type AutodiscoverEndpoint,
} from './autodiscover-candidates';
import { buildPoxRequest, parsePoxResponse } from './autodiscover-pox';
import { buildGetUserSettingsRequest, GET_USER_SETTINGS_ACTION, parseGetUserSettingsResponse } from './autodiscover-soap';
import { preferredEwsUrl, type AutodiscoverAnswer, type AutodiscoverSettings } from './autodiscover-types';

export interface SrvRecord {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

export interface DiscoverOptions {
  readonly email: string;
  readonly auth: AuthProvider;
  readonly request: HttpRequestFn;
  /** Tried instead of the derived candidates (e.g. the sandbox's endpoints). */
  readonly explicitUrls?: readonly string[];
  /** Redirects (HTTP 3xx, RedirectAddress, RedirectUrl) followed in total before giving up. */
  readonly maxRedirects?: number;
  readonly timeoutMs?: number;
  /** `dns.promises.resolveSrv`, injected so tests need no DNS. */
  readonly resolveSrv?: (name: string) => Promise<SrvRecord[]>;
  /** Development only: lets credentials go to `http://` endpoints. */
  readonly allowHttp?: boolean;
}

export interface DiscoverAttempt {
  readonly url: string;
  readonly protocol: AutodiscoverEndpoint['protocol'] | 'redirect-probe' | 'srv';
  readonly result: string;
}

export interface DiscoverResult {
  readonly ewsUrl: string;
  readonly settings: AutodiscoverSettings;
  /** The address the settings belong to (after RedirectAddress hops). */
  readonly email: string;
  readonly endpoint: AutodiscoverEndpoint;
  readonly attempts: readonly DiscoverAttempt[];
}

const DEFAULT_MAX_REDIRECTS = 10;
const MAX_BYTES = 1024 * 1024;

/**
 * Finds the EWS URL for a mailbox: SOAP GetUserSettings first, POX as fallback, across
 * the documented candidate endpoints, following redirects up to a bound and refusing
 * loops. Every attempt is recorded so the admin sees what was tried.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-use-autodiscover-to-find-connection-points
 */
export async function discoverEwsUrl(options: DiscoverOptions): Promise<DiscoverResult> {
  const state = { hops: 0, attempts: [] as DiscoverAttempt[], visitedEmails: new Set<string>(), visitedUrls: new Set<string>() };
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  const countHop = (what: string): void => {
    state.hops += 1;
    if (state.hops > maxRedirects) throw new ExchangeError('invalid-request', `Autodiscover gave up after ${maxRedirects} redirects (last: ${what})`, { code: 'AUTODISCOVER_TOO_MANY_REDIRECTS' });
  };

  const discoverFor = async (email: string): Promise<DiscoverResult | undefined> => {
    const key = email.toLowerCase();
    if (state.visitedEmails.has(key)) throw new ExchangeError('invalid-request', `Autodiscover redirect loop at ${email}`, { code: 'AUTODISCOVER_REDIRECT_LOOP' });
    state.visitedEmails.add(key);
    const domain = domainOf(email);
    const endpoints = options.explicitUrls?.map(explicitEndpoint) ?? candidateEndpoints(domain);
    for (const endpoint of endpoints) {
      const found = await tryEndpoint(endpoint, email);
      if (found) return found;
    }
    if (options.explicitUrls) return undefined;
    for (const endpoint of [...(await probeRedirect(domain)), ...(await lookupSrv(domain))]) {
      const found = await tryEndpoint(endpoint, email);
      if (found) return found;
    }
    return undefined;
  };

  const tryEndpoint = async (start: AutodiscoverEndpoint, email: string): Promise<DiscoverResult | undefined> => {
    let endpoint = start;
    for (;;) {
      if (!endpoint.url.startsWith('https://') && !options.allowHttp) {
        state.attempts.push({ url: endpoint.url, protocol: endpoint.protocol, result: 'skipped: credentials are only sent over https' });
        return undefined;
      }
      if (state.visitedUrls.has(`${endpoint.protocol} ${endpoint.url} ${email}`)) {
        throw new ExchangeError('invalid-request', `Autodiscover redirect loop at ${endpoint.url}`, { code: 'AUTODISCOVER_REDIRECT_LOOP' });
      }
      state.visitedUrls.add(`${endpoint.protocol} ${endpoint.url} ${email}`);
      const response = await post(endpoint, email).catch((err: unknown) => err);
      if (!isHttpResponse(response)) {
        state.attempts.push({ url: endpoint.url, protocol: endpoint.protocol, result: describeFailure(response) });
        return undefined;
      }
      const location = response.headers['location'];
      if (response.status >= 300 && response.status < 400 && location) {
        state.attempts.push({ url: endpoint.url, protocol: endpoint.protocol, result: `HTTP ${response.status} to ${location}` });
        countHop(location);
        endpoint = { url: new URL(location, endpoint.url).toString(), protocol: endpoint.protocol };
        continue;
      }
      const answer = readAnswer(endpoint, response);
      state.attempts.push({ url: endpoint.url, protocol: endpoint.protocol, result: describeAnswer(answer) });
      if (answer.kind === 'redirectUrl') {
        countHop(answer.url);
        endpoint = explicitEndpointFor(answer.url, endpoint.protocol);
        continue;
      }
      if (answer.kind === 'redirectAddress') {
        countHop(answer.address);
        return discoverFor(answer.address);
      }
      if (answer.kind === 'error') return undefined;
      const ewsUrl = preferredEwsUrl(answer.settings);
      if (!ewsUrl) return undefined;
      return { ewsUrl, settings: answer.settings, email, endpoint, attempts: state.attempts };
    }
  };

  const post = async (endpoint: AutodiscoverEndpoint, email: string): Promise<HttpResponse> => {
    const soap = endpoint.protocol === 'soap';
    const headers: Record<string, string> = {
      'content-type': 'text/xml; charset=utf-8',
      authorization: await options.auth.authorization(),
    };
    if (soap) headers['soapaction'] = `"${GET_USER_SETTINGS_ACTION}"`;
    return options.request({
      method: 'POST',
      url: endpoint.url,
      headers,
      body: soap ? buildGetUserSettingsRequest(email, endpoint.url) : buildPoxRequest(email),
      timeoutMs: options.timeoutMs ?? 30_000,
      maxResponseBytes: MAX_BYTES,
    });
  };

  /** The unauthenticated GET: only a redirect to https counts, and nothing secret is sent. */
  const probeRedirect = async (domain: string): Promise<AutodiscoverEndpoint[]> => {
    const url = redirectProbeUrl(domain);
    const response = await options
      .request({ method: 'GET', url, headers: {}, timeoutMs: options.timeoutMs ?? 30_000, maxResponseBytes: MAX_BYTES })
      .catch((err: unknown) => err);
    const location = isHttpResponse(response) && response.status >= 300 && response.status < 400 ? response.headers['location'] : undefined;
    state.attempts.push({ url, protocol: 'redirect-probe', result: location ? `redirects to ${location}` : isHttpResponse(response) ? `HTTP ${response.status}` : describeFailure(response) });
    if (!location?.startsWith('https://')) return [];
    countHop(location);
    return [explicitEndpoint(location)];
  };

  const lookupSrv = async (domain: string): Promise<AutodiscoverEndpoint[]> => {
    if (!options.resolveSrv) return [];
    const records = await options.resolveSrv(srvRecordName(domain)).catch(() => [] as SrvRecord[]);
    state.attempts.push({ url: srvRecordName(domain), protocol: 'srv', result: records.length > 0 ? `${records.length} record(s)` : 'no record' });
    return [...records]
      .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
      .filter((r) => r.port === 443)
      .flatMap((r) => endpointsForHost(`https://${r.name}`));
  };

  const result = await discoverFor(options.email);
  if (result) return result;
  throw new ExchangeError('not-found', `Autodiscover found no EWS URL for ${options.email} (${state.attempts.length} attempts)`, {
    code: 'AUTODISCOVER_FAILED',
    cause: state.attempts,
  });
}

function explicitEndpointFor(url: string, protocol: AutodiscoverEndpoint['protocol']): AutodiscoverEndpoint {
  return /\.(svc|xml)(\?|$)/i.test(url) ? explicitEndpoint(url) : { url, protocol };
}

function readAnswer(endpoint: AutodiscoverEndpoint, response: HttpResponse): AutodiscoverAnswer {
  if (response.status !== 200) return { kind: 'error', code: `HTTP ${response.status}`, message: `HTTP ${response.status}` };
  try {
    return endpoint.protocol === 'soap' ? parseGetUserSettingsResponse(response.body) : parsePoxResponse(response.body);
  } catch (err) {
    return { kind: 'error', code: 'Unreadable', message: err instanceof Error ? err.message : String(err) };
  }
}

function describeAnswer(answer: AutodiscoverAnswer): string {
  switch (answer.kind) {
    case 'settings':
      return `settings (EWS ${preferredEwsUrl(answer.settings) ?? 'none'})`;
    case 'redirectAddress':
      return `redirect to address ${answer.address}`;
    case 'redirectUrl':
      return `redirect to ${answer.url}`;
    case 'error':
      return `error ${answer.code}: ${answer.message}`;
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof ExchangeError) return `${err.kind}${err.code ? ` (${err.code})` : ''}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function isHttpResponse(value: unknown): value is HttpResponse {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

import https from 'node:https';
import http from 'node:http';
import type { Sandbox } from '../../../sandbox/index';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Posts raw bytes to a sandbox URL over TLS trusting only the sandbox CA. */
export function postRaw(sandbox: Sandbox, url: string, body: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? https.request : http.request;
    const req = send(target, { method: 'POST', ca: sandbox.caCertPem, headers: { 'content-type': 'text/xml; charset=utf-8', ...headers }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export function basicHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** POSTs a SOAP envelope to the sandbox's EWS URL as the service account (or given credentials). */
export function postSoap(sandbox: Sandbox, envelope: string, options: { user?: string; password?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const auth = basicHeader(options.user ?? sandbox.basic.user, options.password ?? sandbox.basic.password);
  return postRaw(sandbox, sandbox.ewsUrl, envelope, { authorization: auth, ...(options.headers ?? {}) });
}

const NS_DECL = 'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

/** Wraps a body (m:/t: prefixes) in an envelope with RequestServerVersion and optional impersonation. */
export function envelope(body: string, options: { impersonate?: string; timeZoneId?: string } = {}): string {
  const impersonation = options.impersonate
    ? `<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>${options.impersonate}</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`
    : '';
  const tz = options.timeZoneId ? `<t:TimeZoneContext><t:TimeZoneDefinition Id="${options.timeZoneId}"/></t:TimeZoneContext>` : '';
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope ${NS_DECL}><soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/>${impersonation}${tz}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

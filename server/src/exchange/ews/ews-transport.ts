import type { Logger } from 'pino';
import { renderXml, type XmlNode } from '../../xml/render-xml';
import type { XmlElement } from '../../xml/xml-element';
import type { AuthProvider } from './ews-auth';
import type { EwsCall } from './ews-call';
import type { HttpRequestFn } from './http-client';
import { buildEnvelope, type EwsImpersonation } from './soap-envelope';
import { readSoapBody } from './soap-response';
import type { EwsServerVersion } from './server-version';

export const DEFAULT_TIMEOUT_MS = 100_000;
/** Generous for 512 changes or 100 full items, small enough to stop a runaway answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface EwsTransportOptions {
  readonly url: string;
  readonly auth: AuthProvider;
  readonly request: HttpRequestFn;
  readonly version: EwsServerVersion;
  readonly impersonation?: EwsImpersonation;
  readonly timeZoneId?: string;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly logger?: Logger;
}

/**
 * Binds one endpoint, identity and mailbox into an `EwsCall`. When impersonating, the
 * mailbox is named twice: in the SOAP header and in `X-AnchorMailbox`, which routes the
 * request to the mailbox's server (without it Exchange answers 500/503 or slowly).
 * Logs carry the operation, status and duration only — never bodies or credentials.
 */
export function createEwsCall(options: EwsTransportOptions): EwsCall {
  const envelopeOptions = { version: options.version, impersonation: options.impersonation, timeZoneId: options.timeZoneId };
  const call = async (body: XmlNode): Promise<XmlElement> => {
    const xml = renderXml(buildEnvelope(body, envelopeOptions));
    const operation = body.name.replace(/^m:/, '');
    const started = Date.now();
    let response = await send(options, xml, operation);
    if (response.status === 401) {
      // A cached OAuth token may have been revoked early; one fresh token is worth one retry.
      options.auth.invalidate();
      response = await send(options, xml, operation);
    }
    options.logger?.debug({ operation, status: response.status, ms: Date.now() - started, mailbox: options.impersonation?.primarySmtpAddress }, 'ews call');
    return readSoapBody(response);
  };
  return Object.assign(call, { context: { version: options.version } });
}

async function send(options: EwsTransportOptions, xml: string, operation: string) {
  const headers: Record<string, string> = {
    'content-type': 'text/xml; charset=utf-8',
    accept: 'text/xml',
    authorization: await options.auth.authorization(),
    'user-agent': 'Tandem-EWS/1.0',
    soapaction: `"http://schemas.microsoft.com/exchange/services/2006/messages/${operation}"`,
  };
  if (options.impersonation) headers['x-anchormailbox'] = options.impersonation.primarySmtpAddress;
  return options.request({
    method: 'POST',
    url: options.url,
    headers,
    body: xml,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  });
}

import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import type { EwsServerVersion } from './server-version';

/**
 * Who the service account acts as. EWS names the mailbox in the SOAP header; the same
 * address also goes into the `X-AnchorMailbox` HTTP header (see the transport).
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/impersonation-and-ews-in-exchange
 */
export interface EwsImpersonation {
  readonly primarySmtpAddress: string;
}

export interface EnvelopeOptions {
  readonly version: EwsServerVersion;
  readonly impersonation?: EwsImpersonation;
  /** Windows time zone id for `TimeZoneContext` (how the server interprets and returns local times). */
  readonly timeZoneId?: string;
}

/**
 * Wraps an operation element (already using the `m:` and `t:` prefixes) into a SOAP 1.1
 * envelope. Header order follows messages.xsd / services.wsdl: impersonation, version,
 * time zone context.
 */
export function buildEnvelope(body: XmlNode, options: EnvelopeOptions): XmlNode {
  const header: XmlNode[] = [];
  if (options.impersonation) {
    header.push(
      el('t:ExchangeImpersonation', {}, [
        el('t:ConnectingSID', {}, [el('t:PrimarySmtpAddress', {}, options.impersonation.primarySmtpAddress)]),
      ]),
    );
  }
  header.push(el('t:RequestServerVersion', { Version: options.version }));
  if (options.timeZoneId) {
    header.push(el('t:TimeZoneContext', {}, [el('t:TimeZoneDefinition', { Id: options.timeZoneId })]));
  }
  return el('soap:Envelope', { 'xmlns:soap': NS.soap, 'xmlns:m': NS.messages, 'xmlns:t': NS.types }, [
    el('soap:Header', {}, header),
    el('soap:Body', {}, [body]),
  ]);
}

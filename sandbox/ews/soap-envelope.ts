import { NS } from '../../server/src/xml/namespaces';
import { el, renderXml, type XmlNode } from '../../server/src/xml/render-xml';

/** The sandbox presents itself as Exchange Online's build family. */
const SERVER_VERSION = { MajorVersion: 15, MinorVersion: 20, MajorBuildNumber: 8, MinorBuildNumber: 0, Version: 'V2017_07_11' };

export function renderEnvelope(body: XmlNode): string {
  return renderXml(
    el('s:Envelope', { 'xmlns:s': NS.soap, 'xmlns:m': NS.messages, 'xmlns:t': NS.types }, [
      el('s:Header', {}, [el('t:ServerVersionInfo', SERVER_VERSION)]),
      el('s:Body', {}, [body]),
    ]),
  );
}

export type ResponseClass = 'Success' | 'Warning' | 'Error';

export interface ResponseStatus {
  readonly code: string;
  readonly message?: string;
}

export const SUCCESS: ResponseStatus = { code: 'NoError' };

/**
 * One `m:<Op>ResponseMessage`. ResponseMessageType's sequence is MessageText,
 * ResponseCode, DescriptiveLinkKey, MessageXml, then the operation's own content.
 */
export function responseMessage(elementName: string, status: ResponseStatus, content: readonly (XmlNode | undefined | false)[] = []): XmlNode {
  const failed = status.code !== 'NoError';
  return el(`m:${elementName}`, { ResponseClass: failed ? 'Error' : 'Success' }, [
    failed && el('m:MessageText', {}, status.message ?? status.code),
    el('m:ResponseCode', {}, status.code),
    failed && el('m:DescriptiveLinkKey', {}, 0),
    ...content,
  ]);
}

export function responseEnvelope(operation: string, messages: readonly XmlNode[]): string {
  return renderEnvelope(el(`m:${operation}Response`, {}, [el('m:ResponseMessages', {}, messages)]));
}

export interface SoapFaultOptions {
  readonly faultcode: string;
  readonly responseCode: string;
  readonly message: string;
  readonly backOffMilliseconds?: number;
}

/**
 * A SOAP fault the way Exchange Online writes it: faultcode qualified in the types
 * namespace, `xml:lang` on faultstring, the EWS response code under the errors
 * namespace in detail and throttling hints as MessageXml values.
 */
export function renderSoapFault(options: SoapFaultOptions): string {
  const errorsNs = 'http://schemas.microsoft.com/exchange/services/2006/errors';
  return renderXml(
    el('s:Envelope', { 'xmlns:s': NS.soap }, [
      el('s:Body', {}, [
        el('s:Fault', {}, [
          el('faultcode', { 'xmlns:a': NS.types }, options.faultcode),
          el('faultstring', { 'xml:lang': 'en-US' }, options.message),
          el('detail', {}, [
            el('e:ResponseCode', { 'xmlns:e': errorsNs }, options.responseCode),
            el('e:Message', { 'xmlns:e': errorsNs }, options.message),
            options.backOffMilliseconds !== undefined &&
              el('t:MessageXml', { 'xmlns:t': NS.types }, [el('t:Value', { Name: 'BackOffMilliseconds' }, options.backOffMilliseconds)]),
          ]),
        ]),
      ]),
    ]),
  );
}

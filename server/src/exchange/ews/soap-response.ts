import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { parseXml, XmlParseError } from '../../xml/parse-xml';
import { childText, descend, firstChild, type XmlElement } from '../../xml/xml-element';
import { errorFromHttpStatus, errorFromResponseCode, type HttpFailure } from './error-map';

const ERRORS_NS = 'http://schemas.microsoft.com/exchange/services/2006/errors';

/**
 * The 2020 rewrite of Microsoft's docs turned namespace URIs into `https://…`; no real
 * server sends those. Accepting them would hide a broken peer, so they are refused with
 * a message that names the problem (see ../shared/ews-examples/README.md).
 */
const HTTPS_SOAP_NS = 'https://schemas.xmlsoap.org/soap/envelope/';

export interface RawHttpResponse extends HttpFailure {
  readonly body: string;
}

/**
 * Reads an EWS HTTP response: returns the first element inside `soap:Body`, or throws
 * an ExchangeError for a SOAP fault (EWS sends faults with HTTP 500 and sometimes 200)
 * or an HTTP failure without a readable envelope.
 */
export function readSoapBody(response: RawHttpResponse): XmlElement {
  const envelope = tryParseEnvelope(response);
  if (!envelope) {
    if (response.status >= 200 && response.status < 300) {
      throw new ExchangeError('unknown', 'The server answered with something that is not a SOAP envelope', { httpStatus: response.status });
    }
    throw errorFromHttpStatus(response);
  }
  const body = firstChild(envelope, NS.soap, 'Body');
  const content = body?.children[0];
  if (!content) throw new ExchangeError('unknown', 'The SOAP envelope has an empty body', { httpStatus: response.status });
  if (content.ns === NS.soap && content.local === 'Fault') throw errorFromFault(content, response);
  if (response.status < 200 || response.status >= 300) throw errorFromHttpStatus(response);
  return content;
}

function tryParseEnvelope(response: RawHttpResponse): XmlElement | undefined {
  if (response.body.trim() === '') return undefined;
  let root: XmlElement;
  try {
    root = parseXml(response.body);
  } catch (err) {
    if (err instanceof XmlParseError && response.status >= 200 && response.status < 300) {
      throw new ExchangeError('unknown', `Unreadable EWS response: ${err.message}`, { httpStatus: response.status, cause: err });
    }
    return undefined;
  }
  if (root.local === 'Envelope' && root.ns === HTTPS_SOAP_NS) {
    throw new ExchangeError('invalid-request', `SOAP envelope uses the namespace ${HTTPS_SOAP_NS}; real servers use ${NS.soap}`, {
      httpStatus: response.status,
    });
  }
  return root.local === 'Envelope' && root.ns === NS.soap ? root : undefined;
}

/**
 * A SOAP 1.1 fault. The EWS code is in `detail/ResponseCode` (errors namespace) when a
 * detail is present, else only in `faultcode` as a QName (`a:ErrorServerBusy`).
 * ErrorServerBusy carries `MessageXml/Value[@Name=BackOffMilliseconds]`.
 */
export function errorFromFault(fault: XmlElement, response: HttpFailure): ExchangeError {
  const detail = firstChild(fault, '', 'detail');
  const detailCode = childText(detail, ERRORS_NS, 'ResponseCode')?.trim();
  const faultCode = localPartOfQName(childText(fault, '', 'faultcode') ?? '');
  const code = detailCode || faultCode || 'SoapFault';
  const message = childText(detail, ERRORS_NS, 'Message')?.trim() || childText(fault, '', 'faultstring')?.trim();
  return errorFromResponseCode(code, {
    message,
    httpStatus: response.status,
    backOffMs: readBackOffMilliseconds(firstChild(detail, NS.types, 'MessageXml')),
  });
}

export function readBackOffMilliseconds(messageXml: XmlElement | undefined): number | undefined {
  const value = messageXml?.children.find((c) => c.local === 'Value' && c.attrs['Name'] === 'BackOffMilliseconds');
  const parsed = value ? Number(value.text.trim()) : Number.NaN;
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

function localPartOfQName(qname: string): string {
  const trimmed = qname.trim();
  const colon = trimmed.indexOf(':');
  return colon === -1 ? trimmed : trimmed.slice(colon + 1);
}

/** Descends `Body > {operation}Response > ResponseMessages` tolerant of the operation name. */
export function responseMessagesOf(operationResponse: XmlElement): XmlElement | undefined {
  return descend(operationResponse, NS.messages, 'ResponseMessages');
}

import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { childText, firstChild, type XmlElement } from '../../xml/xml-element';
import { errorFromResponseCode } from './error-map';
import type { Outcome } from './outcome';
import { readBackOffMilliseconds } from './soap-response';

/**
 * Splits `{Operation}Response/ResponseMessages` into one outcome per message. Item-level
 * errors (`ResponseClass="Error"`) become failed outcomes; `Warning` is treated as
 * success because EWS uses it for partial results that still carry data.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsemessages
 */
export function readResponseMessages(operationResponse: XmlElement, expectedLocal: string): Outcome<XmlElement>[] {
  if (operationResponse.ns !== NS.messages || operationResponse.local !== `${expectedLocal}Response`) {
    throw new ExchangeError('unknown', `Expected ${expectedLocal}Response, got ${operationResponse.local}`);
  }
  const container = firstChild(operationResponse, NS.messages, 'ResponseMessages');
  if (!container) throw new ExchangeError('unknown', `${expectedLocal}Response has no ResponseMessages`);
  return container.children.filter((c) => c.ns === NS.messages).map(readResponseMessage);
}

function readResponseMessage(message: XmlElement): Outcome<XmlElement> {
  const responseClass = message.attrs['ResponseClass'];
  if (responseClass !== 'Error') return { ok: true, value: message };
  const code = childText(message, NS.messages, 'ResponseCode')?.trim() || 'ErrorUnknown';
  return {
    ok: false,
    error: errorFromResponseCode(code, {
      message: childText(message, NS.messages, 'MessageText'),
      backOffMs: readBackOffMilliseconds(firstChild(message, NS.messages, 'MessageXml')),
    }),
  };
}

/**
 * For single-target operations (SyncFolderItems, FindItem on one folder): the one
 * message, or its error thrown, because there is no batch to keep going.
 */
export function readSingleResponseMessage(operationResponse: XmlElement, expectedLocal: string): XmlElement {
  const [first] = readResponseMessages(operationResponse, expectedLocal);
  if (!first) throw new ExchangeError('unknown', `${expectedLocal}Response has no response message`);
  if (!first.ok) throw first.error;
  return first.value;
}

/** Pairs outcomes with inputs; a count mismatch is a protocol violation, not a per-item error. */
export function alignOutcomes<T>(outcomes: Outcome<T>[], expected: number, operation: string): Outcome<T>[] {
  if (outcomes.length !== expected) {
    throw new ExchangeError('unknown', `${operation} returned ${outcomes.length} response messages for ${expected} inputs`);
  }
  return outcomes;
}

import type { Logger } from 'pino';
import type { XmlElement } from '../../server/src/xml/xml-element';
import type { XmlNode } from '../../server/src/xml/render-xml';
import type { MailboxStore } from '../store/mailbox-store';
import type { Mailbox } from '../store/store-types';
import type { SentRecord } from '../control/sent-log';

export interface OperationContext {
  readonly store: MailboxStore;
  /** The mailbox the call acts on: the impersonated one, else the caller's own. */
  readonly mailbox: Mailbox;
  /** Name written to LastModifiedName. */
  readonly actorName: string;
  /** The operation element, first child of soap:Body. */
  readonly body: XmlElement;
  /** TimeZoneContext's TimeZoneDefinition Id, when the request sent one. */
  readonly timeZoneId: string | undefined;
  /** HMAC key for sync states, per sandbox instance. */
  readonly syncKey: Buffer;
  readonly recordSent: (record: Omit<SentRecord, 'at'>) => void;
  readonly logger: Logger;
}

/** Returns the operation's response element (`m:<Op>Response`). */
export type OperationHandler = (ctx: OperationContext) => XmlNode;

/** A whole-request failure, answered as a SOAP fault (HTTP 500). */
export class SoapFaultError extends Error {
  constructor(
    readonly responseCode: string,
    message: string,
    readonly backOffMilliseconds?: number,
  ) {
    super(message);
  }
}

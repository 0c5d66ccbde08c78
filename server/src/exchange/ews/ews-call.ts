import type { XmlNode } from '../../xml/render-xml';
import type { XmlElement } from '../../xml/xml-element';
import type { CodecContext } from './field-codec';

/**
 * Sends one operation element (the child of `soap:Body`) and returns the response's
 * operation element, having already turned SOAP faults and HTTP failures into
 * ExchangeErrors. Operations depend on this function type only, so they are tested
 * with a fake and run unchanged over the real transport.
 */
export interface EwsCall {
  (body: XmlNode): Promise<XmlElement>;
  /** Version-dependent request building (time zone elements). */
  readonly context: CodecContext;
}

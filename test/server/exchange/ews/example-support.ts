import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSoapBody } from '../../../../server/src/exchange/ews/soap-response';
import type { XmlElement } from '../../../../server/src/xml/xml-element';
import { EWS_EXAMPLES_DIR } from '../../../support/ews-schema';

/** Microsoft's examples are read from ../shared (never copied into the project). */
export function readExample(name: string): string {
  return readFileSync(resolve(EWS_EXAMPLES_DIR, name), 'utf8');
}

export function listExamples(): string[] {
  return readdirSync(EWS_EXAMPLES_DIR).filter((f) => f.endsWith('.xml'));
}

/** The operation element of an example response, as the transport would hand it over (HTTP 200). */
export function exampleBody(name: string, status = 200): XmlElement {
  return readSoapBody({ status, headers: {}, body: readExample(name) });
}

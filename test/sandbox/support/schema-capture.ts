import { expect } from 'vitest';
import { NS } from '../../../server/src/xml/namespaces';
import { parseXml } from '../../../server/src/xml/parse-xml';
import { childText, descend } from '../../../server/src/xml/xml-element';
import type { CapturedExchange, Sandbox } from '../../../sandbox/index';
import { validateEnvelopes } from '../../support/ews-schema';

const ERRORS_NS = 'http://schemas.microsoft.com/exchange/services/2006/errors';

/** Records every EWS exchange of a test file for one schema validation at the end. */
export class SchemaCapture {
  readonly exchanges: CapturedExchange[] = [];
  private stop: (() => void) | undefined;

  attach(sandbox: Sandbox): void {
    this.stop = sandbox.control.onCapture((e) => this.exchanges.push(e));
  }

  /**
   * Validates requests and responses against envelope.xsd in one xmllint call. SOAP
   * faults carry `xml:lang` on faultstring (as Exchange's do), which the SOAP XSD
   * rejects, so they are checked by their detail instead. Requests the sandbox refused
   * as schema-invalid are expected to be invalid and are skipped. POX Autodiscover is not
   * SOAP and has no schema here; SOAP Autodiscover responses use `xsi:type="StringSetting"`
   * from a schema we lack, which xmllint rejects even in Microsoft's own example, so they
   * are compared with that example's structure instead.
   */
  async validateAll(): Promise<{ validated: number; faults: number }> {
    this.stop?.();
    const docs: { name: string; xml: string }[] = [];
    let faults = 0;
    this.exchanges.forEach((e, i) => {
      const fault = e.responseXml.includes('Fault>') ? readFault(e.responseXml) : undefined;
      if (fault) {
        faults += 1;
        expect(fault.responseCode, `fault ${i} detail`).toMatch(/^Error[A-Za-z]+$/);
        expect(fault.faultcode, `fault ${i} faultcode`).toContain(fault.responseCode);
      } else if (e.responseXml !== '' && e.endpoint === 'ews') docs.push({ name: `response ${i} (${e.operation ?? '?'})`, xml: e.responseXml });
      if (fault?.responseCode !== 'ErrorSchemaValidation' && e.endpoint !== 'autodiscover-pox') docs.push({ name: `request ${i} (${e.operation ?? '?'})`, xml: e.requestXml });
    });
    const verdicts = await validateEnvelopes(docs);
    const invalid = verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors.slice(0, 3).join(' | ')}`);
    expect(invalid).toEqual([]);
    console.info(`schema check: ${docs.length} EWS envelopes valid against envelope.xsd, ${faults} SOAP faults checked by detail (${this.exchanges.length} exchanges)`);
    return { validated: docs.length, faults };
  }
}

export function readFault(xml: string): { faultcode: string; responseCode: string; backOff: string | undefined } | undefined {
  const fault = descend(parseXml(xml), NS.soap, 'Body', 'Fault');
  if (!fault) return undefined;
  const detail = fault.children.find((c) => c.local === 'detail');
  const backOff = detail?.children.find((c) => c.local === 'MessageXml')?.children.find((c) => c.attrs.Name === 'BackOffMilliseconds')?.text;
  return {
    faultcode: fault.children.find((c) => c.local === 'faultcode')?.text ?? '',
    responseCode: (childText(detail, ERRORS_NS, 'ResponseCode') ?? '').trim(),
    backOff,
  };
}

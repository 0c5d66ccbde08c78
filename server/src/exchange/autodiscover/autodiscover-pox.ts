/**
 * POX ("plain old XML") Autodiscover, the fallback for servers without the SOAP service.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/pox-autodiscover-request-for-exchange
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/pox-autodiscover-response-for-exchange
 */
import { NS } from '../../xml/namespaces';
import { parseXml } from '../../xml/parse-xml';
import { el, renderXml } from '../../xml/render-xml';
import { childrenNamed, childText, firstChild, type XmlElement } from '../../xml/xml-element';
import type { AutodiscoverAnswer } from './autodiscover-types';

export function buildPoxRequest(email: string): string {
  return renderXml(
    el('Autodiscover', { xmlns: NS.autodiscoverPoxRequest }, [
      el('Request', {}, [el('EMailAddress', {}, email), el('AcceptableResponseSchema', {}, NS.autodiscoverPoxResponse)]),
    ]),
  );
}

export function parsePoxResponse(xml: string): AutodiscoverAnswer {
  const root = parseXml(xml);
  if (root.ns !== NS.autodiscoverPoxBase || root.local !== 'Autodiscover') {
    return { kind: 'error', code: 'NotAutodiscover', message: `Expected an Autodiscover document in ${NS.autodiscoverPoxBase}, got {${root.ns}}${root.local}` };
  }
  const response = root.children.find((c) => c.local === 'Response');
  // Errors come in the base namespace (ErrorCode 600 "Invalid Request", 601 "schema not available"…).
  const error = response?.children.find((c) => c.local === 'Error');
  if (error) {
    const code = childText(error, error.ns, 'ErrorCode')?.trim() ?? 'Error';
    return { kind: 'error', code, message: childText(error, error.ns, 'Message')?.trim() ?? code };
  }
  if (!response || response.ns !== NS.autodiscoverPoxResponse) {
    return { kind: 'error', code: 'UnexpectedResponse', message: 'Autodiscover answered without an Outlook (2006a) response' };
  }
  const O = NS.autodiscoverPoxResponse;
  const account = firstChild(response, O, 'Account');
  const action = childText(account, O, 'Action')?.trim();
  if (action === 'redirectAddr') return { kind: 'redirectAddress', address: childText(account, O, 'RedirectAddr')?.trim() ?? '' };
  if (action === 'redirectUrl') return { kind: 'redirectUrl', url: childText(account, O, 'RedirectUrl')?.trim() ?? '' };
  const protocols = childrenNamed(account, O, 'Protocol');
  const ewsUrlOf = (type: string): string | undefined => {
    const protocol = protocols.find((p: XmlElement) => childText(p, O, 'Type')?.trim() === type);
    return childText(protocol, O, 'EwsUrl')?.trim() || undefined;
  };
  const internalEwsUrl = ewsUrlOf('EXCH');
  const externalEwsUrl = ewsUrlOf('EXPR');
  if (!internalEwsUrl && !externalEwsUrl) return { kind: 'error', code: 'NoEwsUrl', message: 'Autodiscover settings name no EWS URL' };
  const displayName = childText(firstChild(response, O, 'User'), O, 'DisplayName')?.trim();
  return { kind: 'settings', settings: { internalEwsUrl, externalEwsUrl, displayName, raw: {} } };
}

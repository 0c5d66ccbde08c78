/**
 * Where to look, in the order Microsoft documents for clients outside the domain
 * (SCP lookup needs Active Directory and is left out): the mail domain itself, then
 * `autodiscover.` + domain, then an unauthenticated HTTP GET that may redirect, then
 * the `_autodiscover._tcp` SRV record.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/autodiscover-for-exchange#generating-a-list-of-autodiscover-endpoints
 */
export type AutodiscoverProtocol = 'soap' | 'pox';

export interface AutodiscoverEndpoint {
  readonly url: string;
  readonly protocol: AutodiscoverProtocol;
}

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = at === -1 ? '' : email.slice(at + 1).trim().toLowerCase();
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain)) throw new Error(`"${email}" is not an e-mail address with a domain`);
  return domain;
}

/** SOAP first, POX as fallback, for each host. */
export function endpointsForHost(origin: string): AutodiscoverEndpoint[] {
  return [
    { url: `${origin}/autodiscover/autodiscover.svc`, protocol: 'soap' },
    { url: `${origin}/autodiscover/autodiscover.xml`, protocol: 'pox' },
  ];
}

export function candidateEndpoints(domain: string): AutodiscoverEndpoint[] {
  return [...endpointsForHost(`https://${domain}`), ...endpointsForHost(`https://autodiscover.${domain}`)];
}

/** Explicit URLs (the sandbox, a known server) are taken as given; the suffix names the protocol. */
export function explicitEndpoint(url: string): AutodiscoverEndpoint {
  return { url, protocol: /\.svc(\?|$)/i.test(url) ? 'soap' : 'pox' };
}

export function redirectProbeUrl(domain: string): string {
  return `http://autodiscover.${domain}/autodiscover/autodiscover.xml`;
}

export function srvRecordName(domain: string): string {
  return `_autodiscover._tcp.${domain}`;
}

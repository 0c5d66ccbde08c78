const MICROSOFT_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn'];

/**
 * MSAL trusts only Microsoft's cloud authorities by default; an on-premises AD FS (the
 * on-premises-only deployment) has to be named as known, or MSAL refuses it.
 */
export function knownAuthoritiesFor(authority: string): string[] {
  const host = new URL(authority).host;
  return MICROSOFT_HOSTS.includes(host) ? [] : [host];
}

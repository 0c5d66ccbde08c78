import type { SandboxState } from '../sandbox-state';
import type { Mailbox } from '../store/store-types';

export type Caller =
  | { readonly kind: 'user'; readonly mailbox: Mailbox; readonly isServiceAccount: boolean }
  | { readonly kind: 'app'; readonly appId: string };

/** Resolves the Authorization header to a caller, or undefined (→ HTTP 401). */
export async function authenticate(state: SandboxState, header: string | undefined): Promise<Caller | undefined> {
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'basic') return authenticateBasic(state, value);
  if (scheme?.toLowerCase() === 'bearer') {
    const appId = await state.tokens.verify(value);
    return appId ? { kind: 'app', appId } : undefined;
  }
  return undefined;
}

function authenticateBasic(state: SandboxState, value: string): Caller | undefined {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // Exchange accepts UPN and DOMAIN\user; the sandbox's UPNs are the SMTP addresses.
  const user = decoded.slice(0, colon).replace(/^[^\\]*\\/, '');
  const password = decoded.slice(colon + 1);
  const mailbox = state.store.findMailbox(user);
  if (!mailbox || mailbox.password !== password) return undefined;
  return { kind: 'user', mailbox, isServiceAccount: mailbox.smtpAddress.toLowerCase() === state.serviceAccount.user.toLowerCase() };
}

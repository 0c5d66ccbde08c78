import { NS } from '../../server/src/xml/namespaces';
import { firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import type { Caller } from '../auth/authenticate';
import type { SandboxState } from '../sandbox-state';
import type { Mailbox } from '../store/store-types';
import { SoapFaultError } from './operation-context';

/**
 * Picks the mailbox a call acts on.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/impersonation-and-ews-in-exchange
 * - ExchangeImpersonation/ConnectingSID names it by PrimarySmtpAddress, SmtpAddress or
 *   PrincipalName; the caller needs the ApplicationImpersonation right on it.
 * - App-only OAuth tokens carry no user, so they must impersonate.
 * - Without the header a user acts on their own mailbox.
 * Grants apply to the service account whether it signs in with Basic or as the OAuth
 * app (the latter models an application access policy scoped to the same mailboxes).
 */
export function resolveActingMailbox(state: SandboxState, caller: Caller, header: XmlElement | undefined): { mailbox: Mailbox; impersonating: boolean } {
  const impersonation = firstChild(header, NS.types, 'ExchangeImpersonation');
  if (!impersonation) {
    if (caller.kind === 'app') {
      throw new SoapFaultError('ErrorInvalidExchangeImpersonationHeaderData', 'ExchangeImpersonation SOAP header must be present for this type of OAuth token.');
    }
    return { mailbox: caller.mailbox, impersonating: false };
  }
  const sid = firstChild(impersonation, NS.types, 'ConnectingSID');
  const address = ['PrimarySmtpAddress', 'SmtpAddress', 'PrincipalName'].map((local) => firstChild(sid, NS.types, local)?.text.trim()).find((v) => v);
  if (!address) throw new SoapFaultError('ErrorInvalidExchangeImpersonationHeaderData', 'The impersonation header data is invalid or does not identify a mailbox this server can resolve.');
  const target = state.store.findMailbox(address);
  if (!target) throw new SoapFaultError('ErrorNonExistentMailbox', `The SMTP address has no mailbox associated with it.`);
  const own = caller.kind === 'user' && caller.mailbox === target;
  const mayImpersonate = caller.kind === 'app' || (caller.kind === 'user' && caller.isServiceAccount);
  if (!own && !(mayImpersonate && state.impersonationGrants.has(target.smtpAddress.toLowerCase()))) {
    throw new SoapFaultError('ErrorImpersonateUserDenied', 'The account does not have permission to impersonate the requested user.');
  }
  return { mailbox: target, impersonating: true };
}

import { NS } from '../../server/src/xml/namespaces';
import { parseXml } from '../../server/src/xml/parse-xml';
import { childText, firstChild } from '../../server/src/xml/xml-element';
import { el, renderXml, type XmlNode } from '../../server/src/xml/render-xml';
import type { AutodiscoverContext } from './autodiscover-soap';
import { userSettings } from './user-settings';

/**
 * POX Autodiscover (the Outlook provider's autodiscover.xml).
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/pox-autodiscover-request-for-exchange
 * Known users get a settings Account with an EXPR protocol carrying EwsUrl;
 * redirected addresses get Action redirectAddr; anything else error 600/500.
 */
export function answerPox(ctx: AutodiscoverContext, xml: string): string {
  let address: string | undefined;
  try {
    const root = parseXml(xml);
    address = root.ns === NS.autodiscoverPoxRequest ? childText(firstChild(root, NS.autodiscoverPoxRequest, 'Request'), NS.autodiscoverPoxRequest, 'EMailAddress')?.trim() : undefined;
  } catch {
    address = undefined;
  }
  if (!address) return error('600', 'Invalid Request');
  const redirect = ctx.redirects.get(address.toLowerCase());
  if (redirect) return outlook([el('Account', {}, [el('Action', {}, 'redirectAddr'), el('RedirectAddr', {}, redirect)])]);
  const mailbox = ctx.store.findMailbox(address);
  if (!mailbox) return error('500', 'The email address can\u2019t be found.');
  const s = userSettings(mailbox, ctx.ewsUrl, ctx.deploymentId);
  return outlook([
    el('User', {}, [el('DisplayName', {}, s.UserDisplayName ?? ''), el('LegacyDN', {}, s.UserDN ?? ''), el('AutoDiscoverSMTPAddress', {}, mailbox.smtpAddress), el('DeploymentId', {}, ctx.deploymentId)]),
    el('Account', {}, [
      el('AccountType', {}, 'email'),
      el('Action', {}, 'settings'),
      el('Protocol', {}, [el('Type', {}, 'EXCH'), el('Server', {}, s.InternalMailboxServer ?? ''), el('ServerVersion', {}, '73C18008'), el('EwsUrl', {}, ctx.ewsUrl)]),
      el('Protocol', {}, [el('Type', {}, 'EXPR'), el('Server', {}, s.InternalMailboxServer ?? ''), el('EwsUrl', {}, ctx.ewsUrl)]),
    ]),
  ]);
}

function outlook(children: XmlNode[]): string {
  return renderXml(el('Autodiscover', { xmlns: NS.autodiscoverPoxBase }, [el('Response', { xmlns: NS.autodiscoverPoxResponse }, children)]));
}

function error(code: string, message: string): string {
  const time = new Date().toISOString().slice(11, 23);
  return renderXml(
    el('Autodiscover', { xmlns: NS.autodiscoverPoxBase }, [
      el('Response', { xmlns: NS.autodiscoverPoxBase }, [el('Error', { Time: time, Id: '2477272013' }, [el('ErrorCode', {}, code), el('Message', {}, message), el('DebugData', {})])]),
    ]),
  );
}

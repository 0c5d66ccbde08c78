import { NS } from '../../server/src/xml/namespaces';
import { parseXml } from '../../server/src/xml/parse-xml';
import { childrenNamed, descend, firstChild } from '../../server/src/xml/xml-element';
import { el, renderXml, type XmlNode } from '../../server/src/xml/render-xml';
import type { MailboxStore } from '../store/mailbox-store';
import { userSettings } from './user-settings';

const A = NS.autodiscoverSoap;
const ACTION = 'http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettingsResponse';

export interface AutodiscoverContext {
  readonly store: MailboxStore;
  readonly ewsUrl: string;
  readonly deploymentId: string;
  /** Addresses answered with a redirect to another address (lower-case keys). */
  readonly redirects: ReadonlyMap<string, string>;
}

/**
 * SOAP Autodiscover GetUserSettings.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getusersettings-operation-soap
 * Per-user results: NoError with the settings, RedirectAddress with RedirectTarget,
 * or InvalidUser; unknown setting names are listed under UserSettingErrors.
 */
export function answerGetUserSettings(ctx: AutodiscoverContext, xml: string): { status: number; body: string } {
  const request = descend(parseXml(xml), NS.soap, 'Body');
  const message = firstChild(request, A, 'GetUserSettingsRequestMessage');
  const inner = firstChild(message, A, 'Request');
  if (!inner) return { status: 500, body: soapFault('a:InvalidRequest', 'The request is not a GetUserSettings request.') };
  const mailboxes = childrenNamed(firstChild(inner, A, 'Users'), A, 'User').map((u) => firstChild(u, A, 'Mailbox')?.text.trim() ?? '');
  const requested = childrenNamed(firstChild(inner, A, 'RequestedSettings'), A, 'Setting').map((s) => s.text.trim());
  const responses = mailboxes.map((address) => userResponse(ctx, address, requested));
  return {
    status: 200,
    body: renderXml(
      el('s:Envelope', { 'xmlns:s': NS.soap, 'xmlns:a': NS.wsAddressing }, [
        el('s:Header', {}, [el('a:Action', { 's:mustUnderstand': 1 }, ACTION)]),
        el('s:Body', {}, [
          el('GetUserSettingsResponseMessage', { xmlns: A }, [
            el('Response', { 'xmlns:i': 'http://www.w3.org/2001/XMLSchema-instance' }, [
              el('ErrorCode', {}, 'NoError'),
              el('ErrorMessage', {}),
              el('UserResponses', {}, responses),
            ]),
          ]),
        ]),
      ]),
    ),
  };
}

function userResponse(ctx: AutodiscoverContext, address: string, requested: readonly string[]): XmlNode {
  const redirect = ctx.redirects.get(address.toLowerCase());
  if (redirect) {
    return el('UserResponse', {}, [
      el('ErrorCode', {}, 'RedirectAddress'),
      el('ErrorMessage', {}, 'Redirection address.'),
      el('RedirectTarget', {}, redirect),
      el('UserSettingErrors', {}),
      el('UserSettings', {}),
    ]);
  }
  const mailbox = ctx.store.findMailbox(address);
  if (!mailbox) {
    return el('UserResponse', {}, [
      el('ErrorCode', {}, 'InvalidUser'),
      el('ErrorMessage', {}, `Invalid user: '${address}'`),
      el('RedirectTarget', { 'i:nil': true }),
      el('UserSettingErrors', {}),
      el('UserSettings', {}),
    ]);
  }
  const settings = userSettings(mailbox, ctx.ewsUrl, ctx.deploymentId);
  const known = requested.filter((name) => name in settings);
  const unknown = requested.filter((name) => !(name in settings));
  return el('UserResponse', {}, [
    el('ErrorCode', {}, 'NoError'),
    el('ErrorMessage', {}, 'No error.'),
    el('RedirectTarget', { 'i:nil': true }),
    el('UserSettingErrors', {}, unknown.map((name) => el('UserSettingError', {}, [el('ErrorCode', {}, 'InvalidSetting'), el('ErrorMessage', {}, `The requested setting '${name}' is not valid.`), el('SettingName', {}, name)]))),
    el('UserSettings', {}, known.map((name) => el('UserSetting', { 'i:type': 'StringSetting' }, [el('Name', {}, name), el('Value', {}, settings[name] ?? '')]))),
  ]);
}

export function soapFault(code: string, message: string): string {
  return renderXml(el('s:Envelope', { 'xmlns:s': NS.soap }, [el('s:Body', {}, [el('s:Fault', {}, [el('faultcode', { 'xmlns:a': A }, code), el('faultstring', {}, message)])])]));
}

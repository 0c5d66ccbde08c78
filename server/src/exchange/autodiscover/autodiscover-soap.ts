/**
 * SOAP Autodiscover `GetUserSettings` (Exchange 2010+), the preferred protocol.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getusersettings-operation-soap
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-get-user-settings-from-exchange-by-using-autodiscover
 */
import { NS } from '../../xml/namespaces';
import { parseXml } from '../../xml/parse-xml';
import { el, renderXml } from '../../xml/render-xml';
import { childrenNamed, childText, descend, firstChild } from '../../xml/xml-element';
import type { AutodiscoverAnswer } from './autodiscover-types';

export const GET_USER_SETTINGS_ACTION = 'http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings';

export const REQUESTED_SETTINGS = ['InternalEwsUrl', 'ExternalEwsUrl', 'CasVersion', 'EwsSupportedSchemas', 'UserDisplayName'] as const;

export function buildGetUserSettingsRequest(email: string, url: string): string {
  return renderXml(
    el(
      'soap:Envelope',
      { 'xmlns:soap': NS.soap, 'xmlns:a': NS.autodiscoverSoap, 'xmlns:wsa': NS.wsAddressing },
      [
        el('soap:Header', {}, [
          el('a:RequestedServerVersion', {}, 'Exchange2013'),
          el('wsa:Action', {}, GET_USER_SETTINGS_ACTION),
          el('wsa:To', {}, url),
        ]),
        el('soap:Body', {}, [
          el('a:GetUserSettingsRequestMessage', {}, [
            el('a:Request', {}, [
              el('a:Users', {}, [el('a:User', {}, [el('a:Mailbox', {}, email)])]),
              el('a:RequestedSettings', {}, REQUESTED_SETTINGS.map((s) => el('a:Setting', {}, s))),
            ]),
          ]),
        ]),
      ],
    ),
  );
}

/** Reads a GetUserSettings answer; anything else (a fault, another message) becomes an `error` answer. */
export function parseGetUserSettingsResponse(xml: string): AutodiscoverAnswer {
  const envelope = parseXml(xml);
  if (envelope.ns !== NS.soap || envelope.local !== 'Envelope') {
    return { kind: 'error', code: 'NotSoap', message: `Expected a SOAP envelope in ${NS.soap}, got {${envelope.ns}}${envelope.local}` };
  }
  const message = descend(envelope, NS.soap, 'Body')?.children[0];
  if (!message || message.ns !== NS.autodiscoverSoap || message.local !== 'GetUserSettingsResponseMessage') {
    return { kind: 'error', code: 'UnexpectedMessage', message: `Expected GetUserSettingsResponseMessage, got ${message?.local ?? 'an empty body'}` };
  }
  const A = NS.autodiscoverSoap;
  const response = firstChild(message, A, 'Response');
  const topCode = childText(response, A, 'ErrorCode')?.trim() ?? 'NoError';
  if (topCode !== 'NoError') return { kind: 'error', code: topCode, message: childText(response, A, 'ErrorMessage')?.trim() ?? topCode };
  const user = descend(response, A, 'UserResponses', 'UserResponse');
  const code = childText(user, A, 'ErrorCode')?.trim() ?? 'NoError';
  const target = childText(user, A, 'RedirectTarget')?.trim() ?? '';
  if (code === 'RedirectAddress' && target) return { kind: 'redirectAddress', address: target };
  if (code === 'RedirectUrl' && target) return { kind: 'redirectUrl', url: target };
  if (code !== 'NoError') return { kind: 'error', code, message: childText(user, A, 'ErrorMessage')?.trim() ?? code };
  const raw: Record<string, string> = {};
  for (const setting of childrenNamed(firstChild(user, A, 'UserSettings'), A, 'UserSetting')) {
    const name = childText(setting, A, 'Name')?.trim();
    if (name) raw[name] = childText(setting, A, 'Value')?.trim() ?? '';
  }
  return {
    kind: 'settings',
    settings: {
      internalEwsUrl: raw['InternalEwsUrl'] || undefined,
      externalEwsUrl: raw['ExternalEwsUrl'] || undefined,
      casVersion: raw['CasVersion'] || undefined,
      ewsSupportedSchemas: raw['EwsSupportedSchemas']?.split(',').map((s) => s.trim()).filter(Boolean),
      displayName: raw['UserDisplayName'] || undefined,
      raw,
    },
  };
}

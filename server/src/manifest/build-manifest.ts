import { create } from 'xmlbuilder2';
import type { ManifestOptions } from './manifest-options';

type XmlObject = { [key: string]: string | XmlObject | XmlObject[] };

const NS_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NS_BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const NS_OVERRIDES_1_0 = 'http://schemas.microsoft.com/office/mailappversionoverrides';
const NS_OVERRIDES_1_1 = 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
export const TASKPANE_PATH = '/taskpane.html';

/**
 * ReadWriteItem, not ReadItem: a new draft or meeting has no item id until it is saved,
 * and `saveAsync` (the documented way to get one in compose) needs read/write item.
 * The pane never changes item content; filing reads the mail server-side through EWS.
 */
export const MANIFEST_PERMISSION = 'ReadWriteItem';

const SURFACES = [
  { point: 'MessageReadCommandSurface', id: 'msgRead' },
  { point: 'MessageComposeCommandSurface', id: 'msgCompose' },
  { point: 'AppointmentOrganizerCommandSurface', id: 'apptOrganizer' },
  { point: 'AppointmentAttendeeCommandSurface', id: 'apptAttendee' },
] as const;

const TEXT = {
  displayName: { en: 'Tandem CRM', de: 'Tandem CRM' },
  description: {
    en: 'Links mails and appointments to CRM customers, contact persons, projects and offers.',
    de: 'Verknüpft E-Mails und Termine mit Kunden, Ansprechpartnern, Projekten und Angeboten im CRM.',
  },
  groupLabel: { en: 'Tandem CRM', de: 'Tandem CRM' },
  buttonLabel: { en: 'CRM links', de: 'CRM-Verknüpfungen' },
  buttonTitle: { en: 'Show CRM links', de: 'CRM-Verknüpfungen anzeigen' },
  buttonText: {
    en: 'Shows and edits the CRM records this item belongs to.',
    de: 'Zeigt und bearbeitet die CRM-Datensätze, zu denen dieses Element gehört.',
  },
} as const;

function buildLocalized(text: { en: string; de: string }, prefix = ''): XmlObject {
  return { '@DefaultValue': text.en, [`${prefix}Override`]: { '@Locale': 'de-DE', '@Value': text.de } };
}

function buildIconUrl(host: string, size: number): string {
  return `${host}/assets/icon-${size}.png`;
}

function buildButton(id: string, withPinning: boolean): XmlObject {
  const action: XmlObject = { '@xsi:type': 'ShowTaskpane', SourceLocation: { '@resid': 'Taskpane.Url' } };
  if (withPinning) action['SupportsPinning'] = 'true';
  return {
    '@xsi:type': 'Button',
    '@id': `${id}OpenPaneButton`,
    Label: { '@resid': 'Button.Label' },
    Supertip: { Title: { '@resid': 'Button.Title' }, Description: { '@resid': 'Button.Text' } },
    Icon: { 'bt:Image': [16, 32, 80].map((size) => ({ '@size': String(size), '@resid': `Icon.${size}` })) },
    Action: action,
  };
}

function buildOverrideBody(options: ManifestOptions, withPinning: boolean, minMailbox: string): XmlObject {
  const s = (id: keyof typeof TEXT): XmlObject => ({ '@id': id, ...buildLocalized(TEXT[id], 'bt:') });
  return {
    Requirements: { 'bt:Sets': { '@DefaultMinVersion': minMailbox, 'bt:Set': { '@Name': 'Mailbox' } } },
    Hosts: {
      Host: {
        '@xsi:type': 'MailHost',
        DesktopFormFactor: {
          ExtensionPoint: SURFACES.map(({ point, id }) => ({
            '@xsi:type': point,
            OfficeTab: {
              '@id': 'TabDefault',
              Group: { '@id': `${id}Group`, Label: { '@resid': 'Group.Label' }, Control: buildButton(id, withPinning) },
            },
          })),
        },
      },
    },
    Resources: {
      'bt:Images': { 'bt:Image': [16, 32, 80].map((size) => ({ '@id': `Icon.${size}`, '@DefaultValue': buildIconUrl(options.host, size) })) },
      'bt:Urls': { 'bt:Url': { '@id': 'Taskpane.Url', '@DefaultValue': `${options.host}${TASKPANE_PATH}` } },
      'bt:ShortStrings': {
        'bt:String': [
          { ...s('groupLabel'), '@id': 'Group.Label' },
          { ...s('buttonLabel'), '@id': 'Button.Label' },
          { ...s('buttonTitle'), '@id': 'Button.Title' },
        ],
      },
      'bt:LongStrings': { 'bt:String': { ...s('buttonText'), '@id': 'Button.Text' } },
    },
  };
}

function buildVersionOverrides(options: ManifestOptions): XmlObject {
  const v1_1: XmlObject = {
    '@xmlns': NS_OVERRIDES_1_1,
    '@xsi:type': 'VersionOverridesV1_1',
    // 1.3 is where the pane's identity calls start (convertToRestId, saveAsync); newer calls are feature-detected.
    ...buildOverrideBody(options, true, '1.3'),
    WebApplicationInfo: {
      Id: options.appId,
      Resource: `api://${new URL(options.host).host}/${options.appId}`,
      Scopes: { Scope: [{ '#': 'openid' }, { '#': 'profile' }] },
    },
  };
  return {
    '@xmlns': NS_OVERRIDES_1_0,
    '@xsi:type': 'VersionOverridesV1_0',
    ...buildOverrideBody(options, false, '1.3'),
    VersionOverrides: v1_1,
  };
}

/** The XML manifest (Microsoft's `OfficeApp` schema 1.1) for one installation. */
export function buildManifest(options: ManifestOptions): string {
  const paneUrl = `${options.host}${TASKPANE_PATH}`;
  // Only read forms take a height; the schema refuses one on edit forms.
  const form = (type: 'ItemRead' | 'ItemEdit'): XmlObject => ({
    '@xsi:type': type,
    DesktopSettings: {
      SourceLocation: { '@DefaultValue': paneUrl },
      ...(type === 'ItemRead' ? { RequestedHeight: '450' } : {}),
    },
  });
  const root: XmlObject = {
    OfficeApp: {
      '@xmlns': NS_APP,
      '@xmlns:xsi': NS_XSI,
      '@xmlns:bt': NS_BT,
      '@xsi:type': 'MailApp',
      Id: options.addinId,
      Version: options.version,
      ProviderName: options.providerName,
      DefaultLocale: 'en-US',
      DisplayName: buildLocalized(TEXT.displayName),
      Description: buildLocalized(TEXT.description),
      IconUrl: { '@DefaultValue': buildIconUrl(options.host, 64) },
      HighResolutionIconUrl: { '@DefaultValue': buildIconUrl(options.host, 128) },
      SupportUrl: { '@DefaultValue': `${options.host}/` },
      AppDomains: { AppDomain: options.host },
      Hosts: { Host: { '@Name': 'Mailbox' } },
      Requirements: { Sets: { Set: { '@Name': 'Mailbox', '@MinVersion': '1.1' } } },
      FormSettings: { Form: [form('ItemRead'), form('ItemEdit')] },
      Permissions: MANIFEST_PERMISSION,
      Rule: {
        '@xsi:type': 'RuleCollection',
        '@Mode': 'Or',
        Rule: [
          { '@xsi:type': 'ItemIs', '@ItemType': 'Message', '@FormType': 'Read' },
          { '@xsi:type': 'ItemIs', '@ItemType': 'Message', '@FormType': 'Edit' },
          { '@xsi:type': 'ItemIs', '@ItemType': 'Appointment', '@FormType': 'Read' },
          { '@xsi:type': 'ItemIs', '@ItemType': 'Appointment', '@FormType': 'Edit' },
        ],
      },
      DisableEntityHighlighting: 'false',
      VersionOverrides: buildVersionOverrides(options),
    },
  };
  return create({ version: '1.0', encoding: 'UTF-8' }, root).end({ prettyPrint: true, indent: '  ' }) + '\n';
}

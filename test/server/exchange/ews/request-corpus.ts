import { renderXml, type XmlNode } from '../../../../server/src/xml/render-xml';
import { buildConvertIdRequest } from '../../../../server/src/exchange/ews/convert-id';
import { buildCreateItemRequest } from '../../../../server/src/exchange/ews/create-item';
import { buildDeleteItemRequest } from '../../../../server/src/exchange/ews/delete-item';
import type { NewItem } from '../../../../server/src/exchange/ews/ews-types';
import type { ExtendedPropertyPath } from '../../../../server/src/exchange/ews/extended-property';
import { buildFindFolderRequest } from '../../../../server/src/exchange/ews/find-folder';
import { buildFindItemRequest } from '../../../../server/src/exchange/ews/find-item';
import { buildGetFolderRequest } from '../../../../server/src/exchange/ews/get-folder';
import { buildGetItemRequest } from '../../../../server/src/exchange/ews/get-item';
import { buildEnvelope, type EnvelopeOptions } from '../../../../server/src/exchange/ews/soap-envelope';
import type { EwsServerVersion } from '../../../../server/src/exchange/ews/server-version';
import { buildSyncFolderHierarchyRequest } from '../../../../server/src/exchange/ews/sync-folder-hierarchy';
import { buildSyncFolderItemsRequest } from '../../../../server/src/exchange/ews/sync-folder-items';
import { buildUpdateItemRequest } from '../../../../server/src/exchange/ews/update-item';

/**
 * Every request the builders produce in the test suite, named. The schema test validates
 * all of them in one xmllint call; other tests read single entries for their semantics.
 */
export const CRM_ID: ExtendedPropertyPath = {
  propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
  propertyName: 'TandemCrmId',
  propertyType: 'String',
};

const ctx2013 = { version: 'Exchange2013_SP1' as EwsServerVersion };
const ctx2007 = { version: 'Exchange2007_SP1' as EwsServerVersion };

export const sampleContact: NewItem = {
  type: 'contact',
  subject: 'Tanja Plate',
  body: { type: 'Text', content: 'Met at the fair <2024> & liked the demo' },
  categories: ['Customer', 'VIP'],
  extendedProperties: [{ path: CRM_ID, value: 'crm-contact-42' }],
  fileAs: 'Plate, Tanja',
  displayName: 'Tanja Plate',
  givenName: 'Tanja',
  middleName: 'M',
  companyName: 'Northwind Traders',
  emailAddresses: { EmailAddress1: 'tplate@example.com', EmailAddress3: 'tanja@home.example' },
  physicalAddresses: {
    Business: { street: '12345 67th Ave', city: 'Whittier', state: 'CA', countryOrRegion: 'USA', postalCode: '90601' },
    Home: { city: 'Berlin' },
  },
  phoneNumbers: { BusinessPhone: '5625550199', MobilePhone: '+49 170 1234567' },
  birthday: '1980-05-17T00:00:00Z',
  department: 'Sales',
  jobTitle: 'Project Manager',
  surname: 'Plate',
};

export const sampleMeeting: NewItem = {
  type: 'calendarItem',
  subject: 'Weekly Update Meeting',
  body: { type: 'HTML', content: '<p>Agenda</p>' },
  reminderIsSet: true,
  reminderMinutesBeforeStart: 30,
  extendedProperties: [{ path: CRM_ID, value: 'crm-appt-7' }],
  uid: '040000008200E00074C5B7101A82E0080000000000000000000000000000000000000000',
  start: '2024-03-09T09:00:00',
  end: '2024-03-09T10:00:00',
  isAllDayEvent: false,
  legacyFreeBusyStatus: 'Busy',
  location: 'Contoso Main Gallery',
  requiredAttendees: [{ mailbox: { address: 'mack@contoso.com', name: 'Mack' } }],
  optionalAttendees: [{ mailbox: { address: 'sadie@contoso.com' } }],
  recurrence: {
    pattern: { kind: 'weekly', interval: 1, daysOfWeek: ['Saturday', 'Sunday'], firstDayOfWeek: 'Monday' },
    range: { kind: 'numbered', startDate: '2024-03-09', numberOfOccurrences: 10 },
  },
  startTimeZoneId: 'W. Europe Standard Time',
};

export const sampleTask: NewItem = {
  type: 'task',
  subject: 'Send offer',
  body: { type: 'Text', content: 'Offer 2024-17' },
  importance: 'High',
  reminderDueBy: '2024-03-10T08:00:00Z',
  reminderIsSet: true,
  companies: ['Northwind'],
  dueDate: '2024-03-12T00:00:00Z',
  percentComplete: 50,
  startDate: '2024-03-08T00:00:00Z',
  status: 'InProgress',
};

export const sampleMessage: NewItem = {
  type: 'message',
  subject: 'Your offer 2024-17',
  body: { type: 'HTML', content: '<p>Please find attached…</p>' },
  extendedProperties: [{ path: CRM_ID, value: 'crm-offer-17' }],
  toRecipients: [{ name: 'Tanja Plate', address: 'tplate@example.com' }],
  ccRecipients: [{ address: 'sales@example.com' }],
  isReadReceiptRequested: false,
  replyTo: [{ address: 'sales@example.com' }],
};

const patterns = [
  { kind: 'relativeYearly', daysOfWeek: 'Monday', dayOfWeekIndex: 'First', month: 'May' },
  { kind: 'absoluteYearly', dayOfMonth: 17, month: 'May' },
  { kind: 'relativeMonthly', interval: 2, daysOfWeek: 'Weekday', dayOfWeekIndex: 'Last' },
  { kind: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
  { kind: 'daily', interval: 3 },
] as const;
const ranges = [
  { kind: 'noEnd', startDate: '2024-01-01' },
  { kind: 'endDate', startDate: '2024-01-01', endDate: '2024-12-31' },
  { kind: 'numbered', startDate: '2024-01-01-08:00', numberOfOccurrences: 5 },
] as const;

function envelope(body: XmlNode, options: Partial<EnvelopeOptions> = {}): string {
  return renderXml(buildEnvelope(body, { version: 'Exchange2013_SP1', ...options }));
}

export const requestCorpus: Readonly<Record<string, string>> = {
  'getfolder-root-impersonated': envelope(buildGetFolderRequest({ folderIds: [{ distinguished: 'msgfolderroot' }] }), {
    impersonation: { primarySmtpAddress: 'alice@contoso.com' },
  }),
  'getfolder-mixed-ids': envelope(
    buildGetFolderRequest({
      folderIds: [{ distinguished: 'contacts', mailbox: 'bob@contoso.com' }, { id: 'AAMkAD', changeKey: 'AQAAAA==' }],
      shape: { baseShape: 'AllProperties' },
    }),
    { version: 'V2017_07_11', timeZoneId: 'W. Europe Standard Time' },
  ),
  'findfolder-deep-paged': envelope(buildFindFolderRequest({ parentFolderId: { distinguished: 'msgfolderroot' }, traversal: 'Deep', maxEntries: 100, offset: 100 })),
  'findfolder-shallow': envelope(buildFindFolderRequest({ parentFolderId: { distinguished: 'inbox' } })),
  'syncfolderhierarchy-initial': envelope(buildSyncFolderHierarchyRequest({})),
  'syncfolderhierarchy-incremental': envelope(buildSyncFolderHierarchyRequest({ folderId: { distinguished: 'msgfolderroot' }, syncState: 'H4sIAAAA' })),
  'syncfolderitems-initial': envelope(buildSyncFolderItemsRequest({ folderId: { distinguished: 'contacts' } })),
  'syncfolderitems-incremental': envelope(
    buildSyncFolderItemsRequest({
      folderId: { id: 'AQMkAD', changeKey: 'AQAAAA==' },
      syncState: 'H4sIAAAAAAAEAO29B2AcSZY==',
      shape: { baseShape: 'IdOnly', additionalProperties: [{ fieldUri: 'item:LastModifiedTime' }, { extended: CRM_ID }] },
      maxChanges: 100,
      ignore: [{ id: 'AAMkIgnored' }],
      syncScope: 'NormalItems',
    }),
  ),
  'finditem-paged': envelope(buildFindItemRequest({ folderId: { distinguished: 'contacts' }, view: { kind: 'paged', maxEntries: 1000, offset: 2000 } })),
  'finditem-calendarview': envelope(
    buildFindItemRequest({
      folderId: { distinguished: 'calendar' },
      view: { kind: 'calendar', start: '2024-03-01T00:00:00Z', end: '2024-04-01T00:00:00Z', maxEntries: 500 },
      shape: { baseShape: 'Default', additionalProperties: [{ fieldUri: 'calendar:UID' }] },
    }),
  ),
  'getitem-contacts-with-crm-id': envelope(
    buildGetItemRequest({
      itemIds: [{ id: 'AAAtAEA=', changeKey: 'EQAAABYq' }, { id: 'AAAtAEB=' }],
      shape: {
        baseShape: 'AllProperties',
        bodyType: 'Text',
        additionalProperties: [{ extended: CRM_ID }, { fieldUri: 'contacts:EmailAddress', fieldIndex: 'EmailAddress1' }],
      },
    }),
    { impersonation: { primarySmtpAddress: 'alice@contoso.com' } },
  ),
  'createitem-contact': envelope(buildCreateItemRequest({ items: [sampleContact], savedItemFolderId: { distinguished: 'contacts' } }, ctx2013)),
  'createitem-meeting-2013': envelope(buildCreateItemRequest({ items: [sampleMeeting], savedItemFolderId: { distinguished: 'calendar' } }, ctx2013)),
  'createitem-meeting-2007': envelope(buildCreateItemRequest({ items: [sampleMeeting] }, ctx2007), { version: 'Exchange2007_SP1' }),
  'createitem-all-patterns': envelope(
    buildCreateItemRequest(
      {
        items: patterns.map((pattern, i) => ({
          type: 'calendarItem' as const,
          subject: `Pattern ${pattern.kind}`,
          start: '2024-01-01T09:00:00Z',
          end: '2024-01-01T10:00:00Z',
          recurrence: { pattern, range: ranges[i % ranges.length] ?? ranges[0] },
        })),
        sendMeetingInvitations: 'SendToNone',
      },
      ctx2013,
    ),
  ),
  'createitem-task': envelope(buildCreateItemRequest({ items: [sampleTask] }, ctx2013)),
  'createitem-task-regenerating': envelope(
    buildCreateItemRequest(
      { items: [{ type: 'task', subject: 'Water plants', recurrence: { pattern: { kind: 'weeklyRegeneration', interval: 1 }, range: { kind: 'noEnd', startDate: '2024-01-01' } } }] },
      ctx2013,
    ),
  ),
  'createitem-message-draft': envelope(buildCreateItemRequest({ items: [sampleMessage], savedItemFolderId: { distinguished: 'drafts' } }, ctx2013)),
  'createitem-message-send': envelope(buildCreateItemRequest({ items: [sampleMessage], messageDisposition: 'SendAndSaveCopy' }, ctx2013)),
  'createitem-mixed-batch': envelope(buildCreateItemRequest({ items: [sampleContact, sampleTask, sampleContact] }, ctx2013)),
  'updateitem-contact': envelope(
    buildUpdateItemRequest(
      {
        conflictResolution: 'NeverOverwrite',
        updates: [
          {
            itemId: { id: 'AAAtAEA=', changeKey: 'EQAAABYq' },
            set: {
              type: 'contact',
              jobTitle: 'Head of Sales',
              nickname: null,
              emailAddresses: { EmailAddress1: 'new@example.com', EmailAddress2: '' },
              physicalAddresses: { Business: { street: 'Main St 1', city: '' }, Other: null },
              phoneNumbers: { MobilePhone: '+49 1' },
              extendedProperties: [{ path: CRM_ID, value: 'crm-contact-42' }],
            },
          },
          { itemId: { id: 'AAAtAEB=', changeKey: 'EQAAABYr' }, set: { type: 'contact', companyName: 'Contoso' }, deleteExtendedProperties: [CRM_ID] },
        ],
      },
      ctx2013,
    ),
  ),
  'updateitem-meeting': envelope(
    buildUpdateItemRequest(
      {
        conflictResolution: 'AlwaysOverwrite',
        updates: [
          {
            itemId: { id: 'AAMkAD', changeKey: 'DwAAAB' },
            set: {
              type: 'calendarItem',
              start: '2024-03-09T10:00:00',
              end: '2024-03-09T11:00:00',
              startTimeZoneId: 'W. Europe Standard Time',
              endTimeZoneId: 'W. Europe Standard Time',
              location: null,
              recurrence: { pattern: { kind: 'daily', interval: 1 }, range: { kind: 'endDate', startDate: '2024-03-09', endDate: '2024-03-20' } },
            },
            append: { type: 'calendarItem', body: { type: 'Text', content: 'CRM memo' }, requiredAttendees: [{ mailbox: { address: 'x@contoso.com' } }] },
          },
        ],
      },
      ctx2013,
    ),
  ),
  'updateitem-meeting-2007': envelope(
    buildUpdateItemRequest({ updates: [{ itemId: { id: 'AAMkAD' }, set: { type: 'calendarItem', startTimeZoneId: 'Pacific Standard Time' } }] }, ctx2007),
    { version: 'Exchange2007_SP1' },
  ),
  'updateitem-task-and-message': envelope(
    buildUpdateItemRequest(
      {
        updates: [
          { itemId: { id: 'AAMkTask' }, set: { type: 'task', status: 'Completed', percentComplete: 100, importance: 'Low' } },
          { itemId: { id: 'AAMkMsg' }, set: { type: 'message', isRead: true, categories: ['Filed to CRM'] } },
        ],
        messageDisposition: 'SaveOnly',
      },
      ctx2013,
    ),
  ),
  'deleteitem-batch': envelope(buildDeleteItemRequest({ itemIds: [{ id: 'AAMkA' }, { id: 'AAMkB', changeKey: 'CK' }], deleteType: 'HardDelete' })),
  'convertid-rest-to-ews': envelope(
    buildConvertIdRequest({ ids: [{ format: 'EwsId', id: 'AAMkAGI2', mailbox: 'alice@contoso.com' }], destinationFormat: 'HexEntryId' }),
  ),
};

import type { ItemKind } from '../store/store-types';

/** ItemType's xs:sequence in types.xsd (the part the sandbox can hold). */
const ITEM_FIELDS = [
  'ItemId', 'ParentFolderId', 'ItemClass', 'Subject', 'Sensitivity', 'Body', 'Attachments', 'DateTimeReceived', 'Size', 'Categories',
  'Importance', 'InReplyTo', 'IsSubmitted', 'IsDraft', 'IsFromMe', 'IsResend', 'IsUnmodified', 'InternetMessageHeaders', 'DateTimeSent',
  'DateTimeCreated', 'ResponseObjects', 'ReminderDueBy', 'ReminderIsSet', 'ReminderNextTime', 'ReminderMinutesBeforeStart', 'DisplayCc',
  'DisplayTo', 'DisplayBcc', 'HasAttachments', 'ExtendedProperty', 'Culture', 'EffectiveRights', 'LastModifiedName', 'LastModifiedTime',
  'IsAssociated', 'WebClientReadFormQueryString', 'WebClientEditFormQueryString', 'ConversationId', 'UniqueBody', 'Flag',
] as const;

/** The derived types' own xs:sequence, appended after ItemType's (xs:extension). */
const KIND_FIELDS: Record<ItemKind, readonly string[]> = {
  Message: [
    'Sender', 'ToRecipients', 'CcRecipients', 'BccRecipients', 'IsReadReceiptRequested', 'IsDeliveryReceiptRequested', 'ConversationIndex',
    'ConversationTopic', 'From', 'InternetMessageId', 'IsRead', 'IsResponseRequested', 'References', 'ReplyTo', 'ReceivedBy', 'ReceivedRepresenting',
  ],
  Contact: [
    'FileAs', 'FileAsMapping', 'DisplayName', 'GivenName', 'Initials', 'MiddleName', 'Nickname', 'CompleteName', 'CompanyName', 'EmailAddresses',
    'PhysicalAddresses', 'PhoneNumbers', 'AssistantName', 'Birthday', 'BusinessHomePage', 'Children', 'Companies', 'ContactSource', 'Department',
    'Generation', 'ImAddresses', 'JobTitle', 'Manager', 'Mileage', 'OfficeLocation', 'PostalAddressIndex', 'Profession', 'SpouseName', 'Surname',
    'WeddingAnniversary', 'HasPicture', 'PhoneticFullName', 'PhoneticFirstName', 'PhoneticLastName', 'Alias', 'Notes',
  ],
  CalendarItem: [
    'UID', 'RecurrenceId', 'DateTimeStamp', 'Start', 'End', 'OriginalStart', 'IsAllDayEvent', 'LegacyFreeBusyStatus', 'Location', 'When',
    'IsMeeting', 'IsCancelled', 'IsRecurring', 'MeetingRequestWasSent', 'IsResponseRequested', 'CalendarItemType', 'MyResponseType', 'Organizer',
    'RequiredAttendees', 'OptionalAttendees', 'Resources', 'ConflictingMeetingCount', 'AdjacentMeetingCount', 'Duration', 'TimeZone',
    'AppointmentReplyTime', 'AppointmentSequenceNumber', 'AppointmentState', 'Recurrence', 'FirstOccurrence', 'LastOccurrence',
    'ModifiedOccurrences', 'DeletedOccurrences', 'MeetingTimeZone', 'StartTimeZone', 'EndTimeZone', 'ConferenceType', 'AllowNewTimeProposal',
    'IsOnlineMeeting', 'MeetingWorkspaceUrl', 'NetShowUrl',
  ],
  Task: [
    'ActualWork', 'AssignedTime', 'BillingInformation', 'ChangeCount', 'Companies', 'CompleteDate', 'Contacts', 'DelegationState', 'Delegator',
    'DueDate', 'IsAssignmentEditable', 'IsComplete', 'IsRecurring', 'IsTeamTask', 'Mileage', 'Owner', 'PercentComplete', 'Recurrence', 'StartDate',
    'Status', 'StatusDescription', 'TotalWork',
  ],
};

const ORDER_CACHE = new Map<ItemKind, readonly string[]>();

/** Every element the sandbox may emit for a kind, in schema order. */
export function fieldOrder(kind: ItemKind): readonly string[] {
  let order = ORDER_CACHE.get(kind);
  if (!order) {
    order = [...ITEM_FIELDS, ...KIND_FIELDS[kind]];
    ORDER_CACHE.set(kind, order);
  }
  return order;
}

export function isKnownField(kind: ItemKind, local: string): boolean {
  return fieldOrder(kind).includes(local);
}

/** What BaseShape Default returns per kind, after the documented GetItem examples. */
export const DEFAULT_SHAPE: Record<ItemKind, readonly string[]> = {
  Message: ['ItemId', 'Subject', 'Sensitivity', 'ResponseObjects', 'HasAttachments', 'IsAssociated', 'ToRecipients', 'From', 'IsRead'],
  CalendarItem: ['ItemId', 'Subject', 'ResponseObjects', 'HasAttachments', 'IsAssociated', 'Start', 'End', 'LegacyFreeBusyStatus', 'Location', 'CalendarItemType', 'Organizer'],
  Contact: ['ItemId', 'ParentFolderId', 'Subject', 'ResponseObjects', 'HasAttachments', 'IsAssociated', 'FileAs', 'DisplayName', 'GivenName', 'CompanyName', 'EmailAddresses', 'PhysicalAddresses', 'PhoneNumbers', 'JobTitle', 'Surname'],
  Task: ['ItemId', 'Subject', 'ResponseObjects', 'HasAttachments', 'IsAssociated', 'DueDate', 'IsComplete', 'PercentComplete', 'Status'],
};

/** Fields the server computes and clients cannot set. */
export const READ_ONLY_FIELDS = new Set([
  'ItemId', 'ParentFolderId', 'DateTimeReceived', 'Size', 'DateTimeCreated', 'ResponseObjects', 'DisplayCc', 'DisplayTo', 'DisplayBcc',
  'HasAttachments', 'EffectiveRights', 'LastModifiedName', 'LastModifiedTime', 'IsAssociated', 'ConversationId', 'CalendarItemType',
  'MyResponseType', 'IsRecurring', 'FirstOccurrence', 'LastOccurrence', 'IsMeeting', 'Organizer', 'UniqueBody',
]);

/**
 * Maps a FieldURI (item:Subject, contacts:PhysicalAddress:Street) or IndexedFieldURI to
 * the element that holds it. Indexed contact fields live inside their dictionary element.
 */
export function elementForFieldUri(fieldUri: string): string | undefined {
  const parts = fieldUri.split(':');
  const name = parts[1];
  if (!name) return undefined;
  const dictionaries: Record<string, string> = {
    EmailAddress: 'EmailAddresses', PhoneNumber: 'PhoneNumbers', PhysicalAddress: 'PhysicalAddresses', ImAddress: 'ImAddresses',
  };
  return dictionaries[name] ?? name;
}

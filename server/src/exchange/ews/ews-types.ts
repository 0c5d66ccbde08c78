/**
 * Typed shapes of what the EWS operations take and return. They mirror EWS closely
 * (the sync engine's ExchangeGateway adapter maps them to provider-neutral shapes).
 * Date-times are ISO 8601 strings exactly as exchanged with the server, so no time
 * zone information is lost or invented on the way through.
 */
import type { ExtendedPropertyValue } from './extended-property';
import type { Recurrence } from './recurrence-types';

export interface ItemRef {
  readonly id: string;
  readonly changeKey?: string;
}

/**
 * One occurrence of a recurring series, addressed through its master (types.xsd
 * `OccurrenceItemIdType`): `instanceIndex` counts the pattern's occurrences from 1,
 * deleted ones included.
 */
export interface OccurrenceRef {
  readonly recurringMasterId: string;
  readonly instanceIndex: number;
  readonly changeKey?: string;
}

/** What UpdateItem and DeleteItem can address. */
export type ItemOrOccurrenceRef = ItemRef | OccurrenceRef;

export type DistinguishedFolderName =
  | 'msgfolderroot'
  | 'root'
  | 'inbox'
  | 'sentitems'
  | 'drafts'
  | 'deleteditems'
  | 'outbox'
  | 'junkemail'
  | 'calendar'
  | 'contacts'
  | 'tasks'
  | 'notes'
  | 'journal';

export type FolderRef =
  | { readonly distinguished: DistinguishedFolderName; readonly mailbox?: string }
  | { readonly id: string; readonly changeKey?: string };

export interface EwsBody {
  readonly type: 'HTML' | 'Text';
  readonly content: string;
}

export interface Mailbox {
  readonly name?: string;
  readonly address?: string;
  readonly routingType?: string;
  readonly mailboxType?: string;
}

export type Importance = 'Low' | 'Normal' | 'High';
export type Sensitivity = 'Normal' | 'Personal' | 'Private' | 'Confidential';

/** Properties every item type can write, in types.xsd `ItemType` order. */
export interface CommonWritableFields {
  readonly subject?: string;
  readonly sensitivity?: Sensitivity;
  readonly body?: EwsBody;
  readonly categories?: readonly string[];
  readonly importance?: Importance;
  readonly reminderDueBy?: string;
  readonly reminderIsSet?: boolean;
  readonly reminderMinutesBeforeStart?: number;
  readonly extendedProperties?: readonly ExtendedPropertyValue[];
}

/** Read-only properties the server reports on every item. */
export interface ItemMeta {
  readonly itemId?: ItemRef;
  readonly parentFolderId?: ItemRef;
  readonly itemClass?: string;
  readonly dateTimeReceived?: string;
  readonly dateTimeSent?: string;
  readonly dateTimeCreated?: string;
  readonly lastModifiedTime?: string;
  readonly size?: number;
  readonly hasAttachments?: boolean;
  readonly attachments?: readonly AttachmentInfo[];
  readonly internetMessageHeaders?: readonly InternetHeader[];
  readonly conversationId?: string;
}

export interface AttachmentInfo {
  readonly kind: 'file' | 'item';
  readonly attachmentId?: string;
  readonly name?: string;
  readonly contentType?: string;
  readonly contentId?: string;
  readonly size?: number;
  readonly lastModifiedTime?: string;
  readonly isInline?: boolean;
}

export interface InternetHeader {
  readonly name: string;
  readonly value: string;
}

export type EmailAddressKey = 'EmailAddress1' | 'EmailAddress2' | 'EmailAddress3';
export const emailAddressKeys: readonly EmailAddressKey[] = ['EmailAddress1', 'EmailAddress2', 'EmailAddress3'];

export const phoneNumberKeys = [
  'AssistantPhone',
  'BusinessFax',
  'BusinessPhone',
  'BusinessPhone2',
  'Callback',
  'CarPhone',
  'CompanyMainPhone',
  'HomeFax',
  'HomePhone',
  'HomePhone2',
  'Isdn',
  'MobilePhone',
  'OtherFax',
  'OtherTelephone',
  'Pager',
  'PrimaryPhone',
  'RadioPhone',
  'Telex',
  'TtyTddPhone',
] as const;
export type PhoneNumberKey = (typeof phoneNumberKeys)[number];

export type PhysicalAddressKey = 'Business' | 'Home' | 'Other';
export const physicalAddressKeys: readonly PhysicalAddressKey[] = ['Business', 'Home', 'Other'];

export interface PhysicalAddress {
  readonly street?: string;
  readonly city?: string;
  readonly state?: string;
  readonly countryOrRegion?: string;
  readonly postalCode?: string;
}

/** Writable contact properties, in types.xsd `ContactItemType` order. */
export interface ContactFields extends CommonWritableFields {
  readonly fileAs?: string;
  readonly displayName?: string;
  readonly givenName?: string;
  readonly initials?: string;
  readonly middleName?: string;
  readonly nickname?: string;
  readonly companyName?: string;
  readonly emailAddresses?: Partial<Record<EmailAddressKey, string>>;
  /** In an update, `null` for a key deletes that whole address and `''` deletes one part. */
  readonly physicalAddresses?: Partial<Record<PhysicalAddressKey, PhysicalAddress | null>>;
  readonly phoneNumbers?: Partial<Record<PhoneNumberKey, string>>;
  readonly assistantName?: string;
  /** xs:dateTime; Exchange stores birthdays as midnight UTC of the day. */
  readonly birthday?: string;
  readonly businessHomePage?: string;
  readonly department?: string;
  readonly generation?: string;
  readonly jobTitle?: string;
  readonly manager?: string;
  readonly officeLocation?: string;
  readonly profession?: string;
  readonly spouseName?: string;
  readonly surname?: string;
}

export type ResponseType = 'Unknown' | 'Organizer' | 'Tentative' | 'Accept' | 'Decline' | 'NoResponseReceived';

export interface Attendee {
  readonly mailbox: Mailbox;
  readonly responseType?: ResponseType;
}

export type LegacyFreeBusyStatus = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';

/** Writable calendar properties, in types.xsd `CalendarItemType` order. */
export interface CalendarItemFields extends CommonWritableFields {
  /** iCalendar UID; may be set on create so the CRM keeps one identity across mailboxes. */
  readonly uid?: string;
  readonly start?: string;
  readonly end?: string;
  readonly isAllDayEvent?: boolean;
  readonly legacyFreeBusyStatus?: LegacyFreeBusyStatus;
  readonly location?: string;
  readonly requiredAttendees?: readonly Attendee[];
  readonly optionalAttendees?: readonly Attendee[];
  readonly resources?: readonly Attendee[];
  readonly recurrence?: Recurrence;
  /** Windows time zone id (e.g. `W. Europe Standard Time`) of Start; End uses `endTimeZoneId` or this. */
  readonly startTimeZoneId?: string;
  readonly endTimeZoneId?: string;
}

export interface OccurrenceInfo {
  readonly itemId: ItemRef;
  readonly start: string;
  readonly end: string;
  readonly originalStart: string;
}

export type CalendarItemKind = 'Single' | 'Occurrence' | 'Exception' | 'RecurringMaster';

export interface CalendarItemReadOnly {
  readonly organizer?: Mailbox;
  readonly calendarItemType?: CalendarItemKind;
  readonly isMeeting?: boolean;
  readonly isCancelled?: boolean;
  readonly isRecurring?: boolean;
  readonly originalStart?: string;
  readonly myResponseType?: ResponseType;
  readonly firstOccurrence?: OccurrenceInfo;
  readonly lastOccurrence?: OccurrenceInfo;
  readonly modifiedOccurrences?: readonly OccurrenceInfo[];
  /** Original start times of deleted occurrences. */
  readonly deletedOccurrences?: readonly string[];
  /** `MeetingTimeZone/@TimeZoneName` as reported by Exchange 2007-era servers. */
  readonly meetingTimeZoneName?: string;
}

export type TaskStatus = 'NotStarted' | 'InProgress' | 'Completed' | 'WaitingOnOthers' | 'Deferred';

/** Writable task properties, in types.xsd `TaskType` order. */
export interface TaskFields extends CommonWritableFields {
  readonly billingInformation?: string;
  readonly companies?: readonly string[];
  readonly dueDate?: string;
  readonly mileage?: string;
  readonly percentComplete?: number;
  readonly recurrence?: Recurrence;
  readonly startDate?: string;
  readonly status?: TaskStatus;
}

export interface TaskReadOnly {
  readonly completeDate?: string;
  readonly isComplete?: boolean;
  readonly isRecurring?: boolean;
  readonly owner?: string;
  readonly delegationState?: string;
}

/** Writable message properties, in types.xsd `MessageType` order. */
export interface MessageFields extends CommonWritableFields {
  readonly toRecipients?: readonly Mailbox[];
  readonly ccRecipients?: readonly Mailbox[];
  readonly bccRecipients?: readonly Mailbox[];
  readonly isReadReceiptRequested?: boolean;
  readonly isDeliveryReceiptRequested?: boolean;
  readonly from?: Mailbox;
  readonly isRead?: boolean;
  readonly replyTo?: readonly Mailbox[];
}

export interface MessageReadOnly {
  readonly sender?: Mailbox;
  readonly internetMessageId?: string;
  readonly inReplyTo?: string;
  readonly references?: string;
  readonly conversationTopic?: string;
  readonly isDraft?: boolean;
}

export type EwsContact = { readonly type: 'contact' } & ItemMeta & ContactFields;
export type EwsCalendarItem = { readonly type: 'calendarItem' } & ItemMeta & CalendarItemFields & CalendarItemReadOnly;
export type EwsTask = { readonly type: 'task' } & ItemMeta & TaskFields & TaskReadOnly;
export type EwsMessage = { readonly type: 'message' } & ItemMeta & MessageFields & MessageReadOnly;
/** Any other item class (meeting requests, posts…) with the common properties only. */
export type EwsOtherItem = { readonly type: 'other'; readonly elementName: string } & ItemMeta & CommonWritableFields;

export type EwsItem = EwsContact | EwsCalendarItem | EwsTask | EwsMessage | EwsOtherItem;

/** What CreateItem accepts: one of the writable shapes, tagged. */
export type NewItem =
  | ({ readonly type: 'contact' } & ContactFields)
  | ({ readonly type: 'calendarItem' } & CalendarItemFields)
  | ({ readonly type: 'task' } & TaskFields)
  | ({ readonly type: 'message' } & MessageFields);

export interface EwsFolder {
  readonly folderId: ItemRef;
  readonly parentFolderId?: ItemRef;
  readonly folderClass?: string;
  readonly displayName?: string;
  readonly totalCount?: number;
  readonly childFolderCount?: number;
  readonly unreadCount?: number;
  /** Element name: Folder, CalendarFolder, ContactsFolder, SearchFolder, TasksFolder. */
  readonly kind: string;
}

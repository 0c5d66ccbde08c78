/**
 * Provider-neutral shapes of the Exchange items Tandem syncs. Both adapters (EWS now,
 * Graph later) translate to and from these, so the engine never sees a protocol detail.
 * Top-level fields are the unit of change detection and conflict decisions.
 */

/** A wall-clock time in a named zone (C6: never a UTC instant labelled as local time). */
export interface LocalDateTime {
  /** `YYYY-MM-DDTHH:mm:ss`, no offset. */
  readonly dateTime: string;
  /** IANA zone name, e.g. `Europe/Berlin`; adapters translate Windows zone ids. */
  readonly timeZone: string;
}

export interface ItemBody {
  readonly format: 'text' | 'html';
  readonly content: string;
}

export interface PostalAddress {
  readonly street: string;
  readonly city: string;
  readonly postalCode: string;
  readonly state: string;
  readonly country: string;
}

export interface NeutralContact {
  readonly type: 'contact';
  readonly givenName: string;
  readonly surname: string;
  readonly displayName: string;
  readonly companyName: string;
  readonly jobTitle: string;
  readonly department: string;
  /** Up to three, in Exchange's EmailAddress1..3 order. */
  readonly emails: readonly string[];
  readonly businessPhone: string;
  readonly mobilePhone: string;
  readonly homePhone: string;
  readonly businessAddress: PostalAddress | null;
  readonly notes: ItemBody | null;
}

export type AttendeeRole = 'required' | 'optional' | 'resource';
export type AttendeeResponse = 'none' | 'accepted' | 'tentative' | 'declined';

export interface Attendee {
  readonly email: string;
  readonly name: string;
  readonly role: AttendeeRole;
  readonly response: AttendeeResponse;
}

export type DayOfWeek = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type WeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';

/** The recurrence patterns EWS and Graph have in common. */
export type RecurrencePattern =
  | { readonly type: 'daily'; readonly interval: number }
  | { readonly type: 'weekly'; readonly interval: number; readonly daysOfWeek: readonly DayOfWeek[]; readonly firstDayOfWeek: DayOfWeek }
  | { readonly type: 'absolute-monthly'; readonly interval: number; readonly dayOfMonth: number }
  | { readonly type: 'relative-monthly'; readonly interval: number; readonly daysOfWeek: readonly DayOfWeek[]; readonly index: WeekIndex }
  | { readonly type: 'absolute-yearly'; readonly month: number; readonly dayOfMonth: number }
  | { readonly type: 'relative-yearly'; readonly month: number; readonly daysOfWeek: readonly DayOfWeek[]; readonly index: WeekIndex };

export type RecurrenceRange =
  | { readonly type: 'no-end'; readonly startDate: string }
  | { readonly type: 'end-date'; readonly startDate: string; readonly endDate: string }
  | { readonly type: 'numbered'; readonly startDate: string; readonly occurrences: number };

export interface Recurrence {
  readonly pattern: RecurrencePattern;
  readonly range: RecurrenceRange;
}

/** One occurrence of a series that was cancelled or moved/edited; any number of them (C6). */
export type OccurrenceException =
  | { readonly type: 'deleted'; readonly originalStart: LocalDateTime }
  | {
      readonly type: 'modified';
      readonly originalStart: LocalDateTime;
      readonly start: LocalDateTime;
      readonly end: LocalDateTime;
      readonly subject: string;
      readonly location: string;
    };

export interface NeutralAppointment {
  readonly type: 'appointment';
  readonly subject: string;
  readonly body: ItemBody | null;
  readonly location: string;
  readonly start: LocalDateTime;
  readonly end: LocalDateTime;
  readonly isAllDay: boolean;
  /** Stable across mailboxes (C3): the same meeting in two colleagues' calendars. */
  readonly iCalUId: string | null;
  readonly organizer: string | null;
  readonly attendees: readonly Attendee[];
  readonly recurrence: Recurrence | null;
  readonly exceptions: readonly OccurrenceException[];
  readonly reminderMinutesBefore: number | null;
  readonly showAs: 'free' | 'tentative' | 'busy' | 'out-of-office';
}

export type TaskStatus = 'not-started' | 'in-progress' | 'completed' | 'waiting-on-others' | 'deferred';
export type Importance = 'low' | 'normal' | 'high';

export interface NeutralTask {
  readonly type: 'task';
  readonly subject: string;
  readonly body: ItemBody | null;
  /** `YYYY-MM-DD`: Exchange stores task dates as whole days. */
  readonly startDate: string | null;
  readonly dueDate: string | null;
  readonly status: TaskStatus;
  readonly percentComplete: number;
  readonly importance: Importance;
  readonly reminderAt: LocalDateTime | null;
}

export type NeutralItem = NeutralContact | NeutralAppointment | NeutralTask;
export type NeutralItemType = NeutralItem['type'];

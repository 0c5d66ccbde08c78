import type { Attendee as EwsAttendee, CalendarItemFields, EwsCalendarItem, LegacyFreeBusyStatus, ResponseType } from '../ews/ews-types';
import type { Nullable } from '../ews/field-codec';
import type { Attendee, AttendeeResponse, AttendeeRole, LocalDateTime, NeutralAppointment, OccurrenceException } from '../exchange-items';
import { bodyFromEws, bodyToEws, selectFields, textOrNull } from './body.ews-mapper';
import { recurrenceFromEws, recurrenceToEws } from './recurrence.ews-mapper';
import { ianaZoneOf, toLocal, toUtcInstant, windowsZoneOf } from './time-zones';

const responseFromEws: Partial<Record<ResponseType, AttendeeResponse>> = { Accept: 'accepted', Tentative: 'tentative', Decline: 'declined' };
const showAsFromEws: Partial<Record<LegacyFreeBusyStatus, NeutralAppointment['showAs']>> = { Free: 'free', Tentative: 'tentative', Busy: 'busy', OOF: 'out-of-office' };
const showAsToEws: Record<NeutralAppointment['showAs'], LegacyFreeBusyStatus> = { free: 'Free', tentative: 'Tentative', busy: 'Busy', 'out-of-office': 'OOF' };

function attendeesFromEws(list: readonly EwsAttendee[] | undefined, role: AttendeeRole): Attendee[] {
  return (list ?? []).map((attendee) => ({
    email: attendee.mailbox.address ?? '',
    name: attendee.mailbox.name ?? '',
    role,
    response: (attendee.responseType && responseFromEws[attendee.responseType]) ?? 'none',
  }));
}

/** Subject and location of modified occurrences, read by their own ids (EWS lists them by time only). */
export type OccurrenceDetails = ReadonlyMap<string, { readonly subject: string; readonly location: string }>;

function exceptionsFromEws(item: EwsCalendarItem, zone: string, details: OccurrenceDetails): OccurrenceException[] {
  const deleted = (item.deletedOccurrences ?? []).map((originalStart): OccurrenceException => ({ type: 'deleted', originalStart: toLocal(originalStart, zone) }));
  // An occurrence whose own values were not read carries the master's (docs/sync-field-mapping.md).
  const modified = (item.modifiedOccurrences ?? []).map((occurrence): OccurrenceException => {
    const own = details.get(occurrence.itemId.id);
    return {
      type: 'modified',
      originalStart: toLocal(occurrence.originalStart, zone),
      start: toLocal(occurrence.start, zone),
      end: toLocal(occurrence.end, zone),
      subject: own?.subject ?? item.subject ?? '',
      location: own?.location ?? item.location ?? '',
    };
  });
  return [...deleted, ...modified].sort((a, b) => (a.originalStart.dateTime < b.originalStart.dateTime ? -1 : 1));
}

/** docs/sync-field-mapping.md, "Appointments". */
export function appointmentFromEws(item: EwsCalendarItem, details: OccurrenceDetails = new Map()): NeutralAppointment {
  const startZone = ianaZoneOf(item.startTimeZoneId ?? item.meetingTimeZoneName);
  const endZone = ianaZoneOf(item.endTimeZoneId ?? item.startTimeZoneId ?? item.meetingTimeZoneName);
  return {
    type: 'appointment',
    subject: item.subject ?? '',
    body: bodyFromEws(item.body),
    location: item.location ?? '',
    start: toLocal(item.start ?? new Date(0).toISOString(), startZone),
    end: toLocal(item.end ?? item.start ?? new Date(0).toISOString(), endZone),
    isAllDay: item.isAllDayEvent ?? false,
    iCalUId: item.uid ?? null,
    organizer: item.organizer?.address ?? null,
    attendees: [...attendeesFromEws(item.requiredAttendees, 'required'), ...attendeesFromEws(item.optionalAttendees, 'optional'), ...attendeesFromEws(item.resources, 'resource')],
    recurrence: recurrenceFromEws(item.recurrence),
    exceptions: exceptionsFromEws(item, startZone, details),
    reminderMinutesBefore: item.reminderIsSet ? (item.reminderMinutesBeforeStart ?? 15) : null,
    showAs: (item.legacyFreeBusyStatus && showAsFromEws[item.legacyFreeBusyStatus]) ?? 'busy',
  };
}

/** Null for an empty list: EWS removes the property rather than storing an empty collection. */
function attendeesToEws(attendees: readonly Attendee[], role: AttendeeRole): EwsAttendee[] | null {
  const list = attendees.filter((attendee) => attendee.role === role).map((attendee) => ({ mailbox: { address: attendee.email, name: attendee.name || undefined } }));
  return list.length > 0 ? list : null;
}

/** A zone EWS knows by Windows id, or UTC with the instant converted (the label is lost, the time is not). */
function zoned(local: LocalDateTime): { instant: string; windowsZone: string } {
  const windowsZone = windowsZoneOf(local.timeZone);
  return { instant: toUtcInstant(local), windowsZone: windowsZone ?? 'UTC' };
}

/**
 * Neutral fields an UpdateItem of the master cannot write: exceptions are written on
 * the occurrences themselves (occurrence-writes.ts), the organizer is set by the server.
 */
export const unwritableAppointmentFields = ['exceptions', 'organizer'] as const;

const ewsKeysOf: Readonly<Record<Exclude<keyof NeutralAppointment, 'type'>, readonly (keyof CalendarItemFields)[]>> = {
  subject: ['subject'],
  body: ['body'],
  location: ['location'],
  start: ['start', 'startTimeZoneId'],
  end: ['end', 'endTimeZoneId'],
  isAllDay: ['isAllDayEvent'],
  iCalUId: [],
  organizer: [],
  attendees: ['requiredAttendees', 'optionalAttendees', 'resources'],
  recurrence: ['recurrence'],
  exceptions: [],
  reminderMinutesBefore: ['reminderIsSet', 'reminderMinutesBeforeStart'],
  showAs: ['legacyFreeBusyStatus'],
};

export function appointmentToEws(appointment: NeutralAppointment, fields: readonly string[] | 'create'): Nullable<CalendarItemFields> {
  const start = zoned(appointment.start);
  const end = zoned(appointment.end);
  const all: Nullable<CalendarItemFields> = {
    subject: appointment.subject,
    body: bodyToEws(appointment.body),
    location: textOrNull(appointment.location),
    start: start.instant,
    end: end.instant,
    startTimeZoneId: start.windowsZone,
    endTimeZoneId: end.windowsZone,
    isAllDayEvent: appointment.isAllDay,
    uid: fields === 'create' ? appointment.iCalUId : undefined,
    requiredAttendees: attendeesToEws(appointment.attendees, 'required'),
    optionalAttendees: attendeesToEws(appointment.attendees, 'optional'),
    resources: attendeesToEws(appointment.attendees, 'resource'),
    recurrence: appointment.recurrence ? recurrenceToEws(appointment.recurrence) : null,
    reminderIsSet: appointment.reminderMinutesBefore !== null,
    reminderMinutesBeforeStart: appointment.reminderMinutesBefore,
    legacyFreeBusyStatus: showAsToEws[appointment.showAs],
  };
  if (fields === 'create') return selectFields(all as Record<string, unknown>, 'create') as Nullable<CalendarItemFields>;
  return selectFields(all as Record<string, unknown>, fields.flatMap((field) => ewsKeysOf[field as keyof typeof ewsKeysOf] ?? [])) as Nullable<CalendarItemFields>;
}

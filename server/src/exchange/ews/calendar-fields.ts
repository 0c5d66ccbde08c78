import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { childrenNamed, firstChild, type XmlElement } from '../../xml/xml-element';
import { buildMailbox } from './common-fields';
import type {
  Attendee,
  CalendarItemFields,
  CalendarItemKind,
  CalendarItemReadOnly,
  LegacyFreeBusyStatus,
  OccurrenceInfo,
  ResponseType,
} from './ews-types';
import { elementField, fieldUri, textField, type FieldCodec, type FieldUpdate } from './field-codec';
import { buildRecurrence, readRecurrence } from './recurrence-xml';
import { usesStartEndTimeZones } from './server-version';
import { readMailbox, readRef, readSingleRecipient, typesBool, typesText, withoutUndefined } from './xml-read';

function buildAttendees(element: string, attendees: readonly Attendee[]): XmlNode {
  return el(`t:${element}`, {}, attendees.map((a) => el('t:Attendee', {}, [buildMailbox(a.mailbox)])));
}

/**
 * Exchange 2010+ takes `StartTimeZone`/`EndTimeZone` (a definition named by its Windows
 * id); Exchange 2007 only `MeetingTimeZone`, which then applies to both ends. Sending the
 * wrong one is rejected, so the element depends on the requested server version.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/time-zones-and-ews-in-exchange
 */
const timeZoneCodec: FieldCodec<CalendarItemFields> = {
  key: 'startTimeZoneId',
  toNodes(fields, ctx) {
    const start = fields.startTimeZoneId;
    const end = fields.endTimeZoneId ?? start;
    if (!usesStartEndTimeZones(ctx.version)) {
      return start ? [el('t:MeetingTimeZone', { TimeZoneName: start })] : [];
    }
    return [start && el('t:StartTimeZone', { Id: start }), end && el('t:EndTimeZone', { Id: end })].filter((n): n is XmlNode => Boolean(n));
  },
  toUpdates(fields, ctx) {
    const updates: FieldUpdate[] = [];
    const start = fields.startTimeZoneId;
    const end = fields.endTimeZoneId;
    if (!usesStartEndTimeZones(ctx.version)) {
      if (start === null) updates.push({ op: 'delete', path: fieldUri('calendar:MeetingTimeZone') });
      else if (start !== undefined) updates.push({ op: 'set', path: fieldUri('calendar:MeetingTimeZone'), node: el('t:MeetingTimeZone', { TimeZoneName: start }) });
      return updates;
    }
    if (start) updates.push({ op: 'set', path: fieldUri('calendar:StartTimeZone'), node: el('t:StartTimeZone', { Id: start }) });
    if (end) updates.push({ op: 'set', path: fieldUri('calendar:EndTimeZone'), node: el('t:EndTimeZone', { Id: end }) });
    return updates;
  },
};

/** types.xsd `CalendarItemType` order. */
export const calendarCodecs: readonly FieldCodec<CalendarItemFields>[] = [
  textField('uid', 'UID', 'calendar:UID'),
  textField('start', 'Start', 'calendar:Start'),
  textField('end', 'End', 'calendar:End'),
  textField('isAllDayEvent', 'IsAllDayEvent', 'calendar:IsAllDayEvent'),
  textField('legacyFreeBusyStatus', 'LegacyFreeBusyStatus', 'calendar:LegacyFreeBusyStatus'),
  textField('location', 'Location', 'calendar:Location'),
  elementField('requiredAttendees', 'calendar:RequiredAttendees', (a) => buildAttendees('RequiredAttendees', a)),
  elementField('optionalAttendees', 'calendar:OptionalAttendees', (a) => buildAttendees('OptionalAttendees', a)),
  elementField('resources', 'calendar:Resources', (a) => buildAttendees('Resources', a)),
  elementField('recurrence', 'calendar:Recurrence', buildRecurrence),
  timeZoneCodec,
];

function readAttendees(item: XmlElement, local: string): Attendee[] | undefined {
  const container = firstChild(item, NS.types, local);
  if (!container) return undefined;
  return childrenNamed(container, NS.types, 'Attendee').map((a) =>
    withoutUndefined({
      mailbox: readMailbox(firstChild(a, NS.types, 'Mailbox')) ?? {},
      responseType: typesText(a, 'ResponseType') as ResponseType | undefined,
    }),
  );
}

function readOccurrence(element: XmlElement | undefined): OccurrenceInfo | undefined {
  const itemId = readRef(firstChild(element, NS.types, 'ItemId'));
  if (!element || !itemId) return undefined;
  return {
    itemId,
    start: typesText(element, 'Start') ?? '',
    end: typesText(element, 'End') ?? '',
    originalStart: typesText(element, 'OriginalStart') ?? '',
  };
}

export function readCalendarFields(item: XmlElement): CalendarItemFields & CalendarItemReadOnly {
  const modified = firstChild(item, NS.types, 'ModifiedOccurrences');
  const deleted = firstChild(item, NS.types, 'DeletedOccurrences');
  return withoutUndefined({
    uid: typesText(item, 'UID'),
    start: typesText(item, 'Start'),
    end: typesText(item, 'End'),
    isAllDayEvent: typesBool(item, 'IsAllDayEvent'),
    legacyFreeBusyStatus: typesText(item, 'LegacyFreeBusyStatus') as LegacyFreeBusyStatus | undefined,
    location: typesText(item, 'Location'),
    requiredAttendees: readAttendees(item, 'RequiredAttendees'),
    optionalAttendees: readAttendees(item, 'OptionalAttendees'),
    resources: readAttendees(item, 'Resources'),
    recurrence: readRecurrence(item),
    startTimeZoneId: firstChild(item, NS.types, 'StartTimeZone')?.attrs['Id'],
    endTimeZoneId: firstChild(item, NS.types, 'EndTimeZone')?.attrs['Id'],
    meetingTimeZoneName: firstChild(item, NS.types, 'MeetingTimeZone')?.attrs['TimeZoneName'],
    organizer: readSingleRecipient(item, 'Organizer'),
    calendarItemType: typesText(item, 'CalendarItemType') as CalendarItemKind | undefined,
    isMeeting: typesBool(item, 'IsMeeting'),
    isCancelled: typesBool(item, 'IsCancelled'),
    isRecurring: typesBool(item, 'IsRecurring'),
    originalStart: typesText(item, 'OriginalStart'),
    myResponseType: typesText(item, 'MyResponseType') as ResponseType | undefined,
    firstOccurrence: readOccurrence(firstChild(item, NS.types, 'FirstOccurrence')),
    lastOccurrence: readOccurrence(firstChild(item, NS.types, 'LastOccurrence')),
    modifiedOccurrences: modified
      ? childrenNamed(modified, NS.types, 'Occurrence').map(readOccurrence).filter((o): o is OccurrenceInfo => o !== undefined)
      : undefined,
    deletedOccurrences: deleted ? childrenNamed(deleted, NS.types, 'DeletedOccurrence').map((d) => typesText(d, 'Start') ?? '') : undefined,
  });
}

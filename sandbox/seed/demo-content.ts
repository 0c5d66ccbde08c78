import { newItemFromInput } from '../control/item-info';
import { completeCalendarItem } from '../ews/calendar-defaults';
import type { NewItemInput } from '../control/control-types';
import type { SandboxState } from '../sandbox-state';
import type { Mailbox } from '../store/store-types';
import { escapeText } from '../../server/src/xml/render-xml';

const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

export const DEMO_MAILBOXES = [
  { smtpAddress: 'anna.schmidt@contoso.example', displayName: 'Anna Schmidt' },
  { smtpAddress: 'ben.carter@contoso.example', displayName: 'Ben Carter' },
  { smtpAddress: 'clara.weiss@contoso.example', displayName: 'Clara Weiß' },
] as const;

/** Demo password of the seeded user mailboxes (sandbox only). */
export const DEMO_USER_PASSWORD = 'Sandbox-Only-2024!';

/** A few mailboxes with German and English contacts, meetings (one recurring with an exception), tasks and mail. */
export function seedDemoContent(state: SandboxState): void {
  for (const spec of DEMO_MAILBOXES) {
    const mailbox = state.store.addMailbox(spec.smtpAddress, spec.displayName, DEMO_USER_PASSWORD);
    state.impersonationGrants.add(spec.smtpAddress);
    for (const input of demoItems(mailbox)) {
      const folder = state.store.distinguishedFolder(mailbox, input.folder === 'calendar' ? 'calendar' : input.folder === 'tasks' ? 'tasks' : input.folder === 'inbox' ? 'inbox' : 'contacts');
      const item = newItemFromInput(input);
      if (item.kind === 'CalendarItem') completeCalendarItem(item.fields, mailbox);
      state.store.createItem(mailbox, folder.id, item, mailbox.displayName);
    }
    state.store.createFolder(mailbox, state.store.distinguishedFolder(mailbox, 'contacts').id, 'Kunden', 'IPF.Contact');
  }
  seedRecurringException(state, state.store.findMailbox(DEMO_MAILBOXES[0].smtpAddress) as Mailbox);
}

function contact(...raw: [string, string, string, string, string, string, string, string, string, string]): NewItemInput {
  const [given, surname, company, email, phone, street, city, postal, country, job] = raw.map(escapeText) as typeof raw;
  return {
    kind: 'Contact',
    folder: 'contacts',
    itemXml: `<t:Contact ${T}><t:Subject>${given} ${surname}</t:Subject><t:FileAs>${surname}, ${given}</t:FileAs><t:DisplayName>${given} ${surname}</t:DisplayName><t:GivenName>${given}</t:GivenName><t:CompanyName>${company}</t:CompanyName><t:EmailAddresses><t:Entry Key="EmailAddress1">${email}</t:Entry></t:EmailAddresses><t:PhysicalAddresses><t:Entry Key="Business"><t:Street>${street}</t:Street><t:City>${city}</t:City><t:CountryOrRegion>${country}</t:CountryOrRegion><t:PostalCode>${postal}</t:PostalCode></t:Entry></t:PhysicalAddresses><t:PhoneNumbers><t:Entry Key="BusinessPhone">${phone}</t:Entry></t:PhoneNumbers><t:JobTitle>${job}</t:JobTitle><t:Surname>${surname}</t:Surname></t:Contact>`,
  };
}

function demoItems(mailbox: Mailbox): NewItemInput[] {
  const day = (offset: number, hour: number): string => {
    const d = new Date();
    d.setUTCHours(hour, 0, 0, 0);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  return [
    contact('Jürgen', 'Müller', 'Müller & Söhne GmbH', 'j.mueller@mueller-soehne.example', '+49 89 1234567', 'Leopoldstraße 12', 'München', '80802', 'Deutschland', 'Geschäftsführer'),
    contact('Sabine', 'Groß', 'Nordlicht Logistik AG', 'sabine.gross@nordlicht.example', '+49 40 9876543', 'Große Elbstraße 145', 'Hamburg', '22767', 'Deutschland', 'Einkaufsleiterin'),
    contact('Emily', 'Thompson', 'Bright Harbour Ltd', 'emily.thompson@brightharbour.example', '+44 20 7946 0321', '221 Baker Street', 'London', 'NW1 6XE', 'United Kingdom', 'Head of Procurement'),
    contact('Michael', 'O\u2019Brien', 'Westfield Consulting', 'mobrien@westfield.example', '+1 312 555 0142', '233 S Wacker Dr', 'Chicago', '60606', 'United States', 'Senior Consultant'),
    {
      kind: 'CalendarItem', folder: 'calendar',
      fields: { Subject: 'Quartalsgespräch Müller & Söhne', Start: day(2, 8), End: day(2, 9), Location: 'Besprechungsraum Isar' },
    },
    {
      kind: 'CalendarItem', folder: 'calendar',
      itemXml: `<t:CalendarItem ${T}><t:Subject>Weekly sales sync</t:Subject><t:Body BodyType="Text">Pipeline review, ${mailbox.displayName}</t:Body><t:Start>${day(1, 9)}</t:Start><t:End>${day(1, 10)}</t:End><t:Location>Teams</t:Location><t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>ben.carter@contoso.example</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees><t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>${weekday(day(1, 9))}</t:DaysOfWeek></t:WeeklyRecurrence><t:NumberedRecurrence><t:StartDate>${day(1, 9).slice(0, 10)}</t:StartDate><t:NumberOfOccurrences>10</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence></t:CalendarItem>`,
    },
    { kind: 'Task', folder: 'tasks', fields: { Subject: 'Angebot für Nordlicht Logistik nachfassen', DueDate: day(3, 16), Status: 'InProgress', PercentComplete: '25' } },
    { kind: 'Task', folder: 'tasks', fields: { Subject: 'Send renewal quote to Bright Harbour', DueDate: day(5, 12), Status: 'NotStarted' } },
    {
      kind: 'Message', folder: 'inbox', isRead: false,
      itemXml: `<t:Message ${T}><t:Subject>Rückfrage zum Angebot</t:Subject><t:Body BodyType="Text">Guten Tag, könnten Sie uns die Lieferzeiten bestätigen? Viele Grüße, Sabine Groß</t:Body><t:From><t:Mailbox><t:Name>Sabine Groß</t:Name><t:EmailAddress>sabine.gross@nordlicht.example</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:From></t:Message>`,
    },
    {
      kind: 'Message', folder: 'inbox', isRead: true,
      itemXml: `<t:Message ${T}><t:Subject>Meeting notes</t:Subject><t:Body BodyType="Text">Hi, attached are the notes from Tuesday. Best, Emily</t:Body><t:From><t:Mailbox><t:Name>Emily Thompson</t:Name><t:EmailAddress>emily.thompson@brightharbour.example</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:From></t:Message>`,
    },
  ];
}

function weekday(iso: string): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][new Date(iso).getUTCDay()] ?? 'Monday';
}

/**
 * The series' third occurrence moved by an hour: Exchange records this on the master
 * as ModifiedOccurrences (ItemId, Start, End, OriginalStart of the occurrence).
 */
function seedRecurringException(state: SandboxState, mailbox: Mailbox): void {
  const master = state.store.itemsIn(mailbox, state.store.distinguishedFolder(mailbox, 'calendar').id).find((i) => i.fields.has('Recurrence'));
  if (!master) return;
  const start = new Date(master.fields.get('Start')?.text ?? Date.now());
  const original = new Date(start.getTime() + 14 * 86_400_000);
  const moved = new Date(original.getTime() + 3_600_000);
  const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const modified = newItemFromInput({
    kind: 'CalendarItem',
    itemXml: `<t:CalendarItem ${T}><t:ModifiedOccurrences><t:Occurrence><t:ItemId Id="${master.id}-occ3"/><t:Start>${iso(moved)}</t:Start><t:End>${iso(new Date(moved.getTime() + 3_600_000))}</t:End><t:OriginalStart>${iso(original)}</t:OriginalStart></t:Occurrence></t:ModifiedOccurrences></t:CalendarItem>`,
  }).fields.get('ModifiedOccurrences');
  if (modified) state.store.updateItem(master, mailbox.displayName, (item) => item.fields.set('ModifiedOccurrences', modified));
}

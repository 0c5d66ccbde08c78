import { describe, expect, it } from 'vitest';
import type { EwsCalendarItem, EwsContact, EwsTask } from '../../server/src/exchange/ews/ews-types';
import { appointmentFromEws, appointmentToEws } from '../../server/src/exchange/ews-gateway/appointment.ews-mapper';
import { contactFromEws, contactToEws } from '../../server/src/exchange/ews-gateway/contact.ews-mapper';
import { taskFromEws, taskToEws } from '../../server/src/exchange/ews-gateway/task.ews-mapper';
import { toLocal, toUtcInstant } from '../../server/src/exchange/ews-gateway/time-zones';
import { buildFolderTree } from '../../server/src/exchange/ews-gateway/folder-tree.ews-mapper';
import { makeAppointment, makeContact, makeTask } from './support/neutral-fixtures';

describe('time zones', () => {
  it('converts Berlin wall-clock time to UTC in winter and in summer', () => {
    expect(toUtcInstant({ dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Berlin' })).toBe('2026-12-01T08:00:00Z');
    expect(toUtcInstant({ dateTime: '2026-07-01T09:00:00', timeZone: 'Europe/Berlin' })).toBe('2026-07-01T07:00:00Z');
  });

  it('converts across the DST change on the day it happens', () => {
    expect(toUtcInstant({ dateTime: '2026-03-29T03:30:00', timeZone: 'Europe/Berlin' })).toBe('2026-03-29T01:30:00Z');
    expect(toLocal('2026-10-25T00:30:00Z', 'Europe/Berlin')).toEqual({ dateTime: '2026-10-25T02:30:00', timeZone: 'Europe/Berlin' });
  });

  it('reads an instant as wall-clock time in a zone far from UTC', () => {
    expect(toLocal('2026-12-01T08:00:00Z', 'America/Los_Angeles')).toEqual({ dateTime: '2026-12-01T00:00:00', timeZone: 'America/Los_Angeles' });
  });
});

describe('EWS mappers', () => {
  it('round-trips a contact through its EWS properties', () => {
    const contact = makeContact({ emails: ['a@x.example', 'b@x.example'], mobilePhone: '+49 171 1' });
    const written = contactToEws(contact, 'create');
    expect(contactFromEws({ type: 'contact', ...written } as EwsContact)).toEqual(contact);
  });

  it('writes only the EWS properties behind the changed contact fields', () => {
    expect(Object.keys(contactToEws(makeContact(), ['jobTitle', 'emails']))).toEqual(['jobTitle', 'emailAddresses']);
  });

  it('deletes an emptied contact field instead of writing an empty string', () => {
    expect(contactToEws(makeContact({ jobTitle: '' }), ['jobTitle'])).toEqual({ jobTitle: null });
  });

  it('round-trips a task with status, percent, importance and reminder', () => {
    const task = makeTask({ status: 'in-progress', percentComplete: 40, importance: 'high', reminderAt: { dateTime: '2026-12-04T09:00:00', timeZone: 'Europe/Berlin' } });
    const written = taskToEws(task, 'create');
    expect(written).toMatchObject({ status: 'InProgress', importance: 'High', reminderIsSet: true, reminderDueBy: '2026-12-04T08:00:00Z' });
    expect(taskFromEws({ type: 'task', ...written } as EwsTask, 'Europe/Berlin')).toEqual(task);
  });

  it('writes appointment times as UTC instants with the Windows zone and reads them back as local time', () => {
    const appointment = makeAppointment({
      attendees: [{ email: 'ben@x.example', name: 'Ben', role: 'required', response: 'none' }],
      recurrence: { pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'monday' }, range: { type: 'end-date', startDate: '2026-12-01', endDate: '2027-06-30' } },
    });
    const written = appointmentToEws(appointment, 'create');
    expect(written).toMatchObject({ start: '2026-12-01T08:00:00Z', startTimeZoneId: 'W. Europe Standard Time', uid: 'uid-1' });
    const read = appointmentFromEws({ type: 'calendarItem', ...written, organizer: { address: 'anna@berg.example' } } as EwsCalendarItem);
    expect(read).toEqual(appointment);
  });

  it('reads any number of deleted and moved occurrences as exceptions in local time', () => {
    const deleted = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2027, 0, 4 + 7 * i, 8)).toISOString());
    const item = {
      type: 'calendarItem',
      subject: 'Weekly',
      start: '2027-01-04T08:00:00Z',
      end: '2027-01-04T09:00:00Z',
      startTimeZoneId: 'W. Europe Standard Time',
      deletedOccurrences: deleted,
      modifiedOccurrences: [{ itemId: { id: 'o1' }, originalStart: '2027-12-06T08:00:00Z', start: '2027-12-07T09:00:00Z', end: '2027-12-07T10:00:00Z' }],
    } as EwsCalendarItem;
    const exceptions = appointmentFromEws(item).exceptions;
    expect(exceptions).toHaveLength(31);
    expect(exceptions[0]).toEqual({ type: 'deleted', originalStart: { dateTime: '2027-01-04T09:00:00', timeZone: 'Europe/Berlin' } });
    expect(exceptions.at(-1)).toMatchObject({ type: 'modified', start: { dateTime: '2027-12-07T10:00:00', timeZone: 'Europe/Berlin' } });
  });

  it('never writes the iCalUId or exceptions in an update', () => {
    expect(Object.keys(appointmentToEws(makeAppointment(), ['iCalUId', 'exceptions', 'subject']))).toEqual(['subject']);
  });

  it('builds folder paths, classes and well-known names from a deep folder listing', () => {
    const tree = buildFolderTree(
      [
        { folderId: { id: 'sub' }, parentFolderId: { id: 'cal' }, displayName: 'Feiertage', folderClass: 'IPF.Appointment', kind: 'CalendarFolder' },
        { folderId: { id: 'cal' }, parentFolderId: { id: 'root' }, displayName: 'Kalender', folderClass: 'IPF.Appointment', kind: 'CalendarFolder' },
        { folderId: { id: 'inbox' }, parentFolderId: { id: 'root' }, displayName: 'Posteingang', folderClass: 'IPF.Note', kind: 'Folder' },
      ],
      new Map([['cal', 'calendar']]),
    );
    expect(tree.map((f) => [f.id, f.parentId, f.path.join('/'), f.folderClass, f.wellKnownName])).toEqual([
      ['cal', null, 'Kalender', 'calendar', 'calendar'],
      ['inbox', null, 'Posteingang', 'mail', null],
      ['sub', 'cal', 'Kalender/Feiertage', 'calendar', null],
    ]);
  });
});

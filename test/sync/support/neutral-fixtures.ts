import type { NeutralAppointment, NeutralContact, NeutralTask } from '../../../server/src/exchange/exchange-items';

export function makeContact(overrides: Partial<NeutralContact> = {}): NeutralContact {
  return {
    type: 'contact',
    givenName: 'Anna',
    surname: 'Berg',
    displayName: 'Anna Berg',
    companyName: 'Berg GmbH',
    jobTitle: 'CEO',
    department: '',
    emails: ['anna@berg.example'],
    businessPhone: '+49 30 1234',
    mobilePhone: '',
    homePhone: '',
    businessAddress: { street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', state: '', country: 'DE' },
    notes: { format: 'text', content: 'met at fair' },
    ...overrides,
  };
}

export function makeAppointment(overrides: Partial<NeutralAppointment> = {}): NeutralAppointment {
  return {
    type: 'appointment',
    subject: 'Kick-off',
    body: { format: 'html', content: '<p>Agenda</p>' },
    location: 'Room 1',
    start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Berlin' },
    isAllDay: false,
    iCalUId: 'uid-1',
    organizer: 'anna@berg.example',
    attendees: [],
    recurrence: null,
    exceptions: [],
    reminderMinutesBefore: 15,
    showAs: 'busy',
    ...overrides,
  };
}

export function makeTask(overrides: Partial<NeutralTask> = {}): NeutralTask {
  return {
    type: 'task',
    subject: 'Send offer',
    body: null,
    startDate: '2026-12-01',
    dueDate: '2026-12-05',
    status: 'not-started',
    percentComplete: 0,
    importance: 'normal',
    reminderAt: null,
    ...overrides,
  };
}

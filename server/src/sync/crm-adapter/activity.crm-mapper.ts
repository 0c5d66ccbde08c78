import { plainTextOf } from '../body-text';
import type { Appointment, AppointmentCreate, AppointmentPatch, Task, TaskCreate, TaskPatch } from '../../../../shared/crm/activity.schema';
import { toLocal, toUtcInstant } from '../../exchange/ews-gateway/time-zones';
import type { Attendee, NeutralAppointment, NeutralTask, TaskStatus } from '../../exchange/exchange-items';

/** docs/sync-field-mapping.md, "Appointments". The CRM keeps instants; `zone` labels them until Exchange says better. */
export function appointmentToNeutral(appointment: Appointment, zone: string): NeutralAppointment {
  return {
    type: 'appointment',
    subject: appointment.subject,
    body: appointment.body === '' ? null : { format: 'text', content: appointment.body },
    location: appointment.location ?? '',
    start: toLocal(appointment.startsAt, zone),
    end: toLocal(appointment.endsAt, zone),
    isAllDay: appointment.allDay,
    iCalUId: appointment.iCalUId,
    organizer: null,
    attendees: appointment.attendees.map((attendee): Attendee => ({ email: attendee.email, name: attendee.name ?? '', role: attendee.type, response: 'none' })),
    recurrence: null,
    exceptions: [],
    reminderMinutesBefore: null,
    showAs: 'busy',
  };
}

function sameInstant(a: NeutralAppointment['start'], b: NeutralAppointment['start']): boolean {
  return toUtcInstant(a) === toUtcInstant(b);
}

/**
 * The CRM holds no series, zone, organizer, reminder, free/busy or attendee responses:
 * those come from the last synced values; times keep their zone while the instant is unchanged.
 */
export function reconcileAppointment(values: NeutralAppointment, snapshot: NeutralAppointment): NeutralAppointment {
  const responses = new Map(snapshot.attendees.map((attendee) => [`${attendee.email.toLowerCase()}|${attendee.role}`, attendee]));
  return {
    ...values,
    body: values.body && snapshot.body && values.body.content === snapshot.body.content ? snapshot.body : values.body,
    start: sameInstant(values.start, snapshot.start) ? snapshot.start : values.start,
    end: sameInstant(values.end, snapshot.end) ? snapshot.end : values.end,
    organizer: snapshot.organizer,
    attendees: values.attendees.map((attendee) => {
      const known = responses.get(`${attendee.email.toLowerCase()}|${attendee.role}`);
      return known ? { ...attendee, name: attendee.name || known.name, response: known.response } : attendee;
    }),
    recurrence: snapshot.recurrence,
    exceptions: snapshot.exceptions,
    reminderMinutesBefore: snapshot.reminderMinutesBefore,
    showAs: snapshot.showAs,
  };
}

export function appointmentToCreate(appointment: NeutralAppointment, ownerId: string | null): AppointmentCreate {
  const startsAt = toUtcInstant(appointment.start);
  const endsAt = toUtcInstant(appointment.end);
  return {
    subject: appointment.subject.trim() || '(no subject)',
    startsAt,
    endsAt: Date.parse(endsAt) < Date.parse(startsAt) ? startsAt : endsAt,
    allDay: appointment.isAllDay,
    location: appointment.location || null,
    body: plainTextOf(appointment.body),
    iCalUId: appointment.iCalUId,
    attendees: appointment.attendees.filter((attendee) => attendee.email.includes('@')).map((attendee) => ({ email: attendee.email.toLowerCase(), name: attendee.name || null, type: attendee.role })),
    ownerId,
  };
}

export function appointmentToPatch(appointment: NeutralAppointment, fields: readonly string[]): AppointmentPatch {
  const full = appointmentToCreate(appointment, null);
  const patch: AppointmentPatch = {};
  for (const field of fields) {
    if (field === 'subject') patch.subject = full.subject;
    if (field === 'body') patch.body = full.body;
    if (field === 'location') patch.location = full.location;
    // Start and end travel together so the CRM's "end not before start" check holds mid-patch.
    if (field === 'start' || field === 'end') Object.assign(patch, { startsAt: full.startsAt, endsAt: full.endsAt });
    if (field === 'isAllDay') patch.allDay = full.allDay;
    if (field === 'iCalUId') patch.iCalUId = full.iCalUId;
    if (field === 'attendees') patch.attendees = full.attendees;
  }
  return patch;
}

const statusToNeutral: Record<Task['status'], TaskStatus> = { notStarted: 'not-started', inProgress: 'in-progress', waiting: 'waiting-on-others', deferred: 'deferred', completed: 'completed' };
const statusToCrm = Object.fromEntries(Object.entries(statusToNeutral).map(([crm, neutral]) => [neutral, crm])) as Record<TaskStatus, Task['status']>;

function dayIn(instant: string | null, zone: string): string | null {
  return instant ? toLocal(instant, zone).dateTime.slice(0, 10) : null;
}

/** docs/sync-field-mapping.md, "Tasks". */
export function taskToNeutral(task: Task, zone: string): NeutralTask {
  return {
    type: 'task',
    subject: task.subject,
    body: task.body === '' ? null : { format: 'text', content: task.body },
    startDate: dayIn(task.startsAt, zone),
    dueDate: dayIn(task.dueAt, zone),
    status: statusToNeutral[task.status],
    percentComplete: task.status === 'completed' ? 100 : 0,
    importance: task.priority,
    reminderAt: null,
  };
}

/** Percent complete (unless the status decides it) and reminders live in Exchange only. */
export function reconcileTask(values: NeutralTask, snapshot: NeutralTask): NeutralTask {
  const percent = values.status === snapshot.status ? snapshot.percentComplete : values.percentComplete;
  return { ...values, body: values.body && snapshot.body && values.body.content === snapshot.body.content ? snapshot.body : values.body, percentComplete: percent, reminderAt: snapshot.reminderAt };
}

function instantOfDay(day: string | null, zone: string): string | null {
  return day ? toUtcInstant({ dateTime: `${day}T00:00:00`, timeZone: zone }) : null;
}

export function taskToCreate(task: NeutralTask, ownerId: string | null, zone: string): TaskCreate {
  return {
    subject: task.subject.trim() || '(no subject)',
    startsAt: instantOfDay(task.startDate, zone),
    dueAt: instantOfDay(task.dueDate, zone),
    status: statusToCrm[task.status],
    priority: task.importance,
    body: plainTextOf(task.body),
    ownerId,
  };
}

export function taskToPatch(task: NeutralTask, fields: readonly string[], zone: string): TaskPatch {
  const full = taskToCreate(task, null, zone);
  const patch: TaskPatch = {};
  for (const field of fields) {
    if (field === 'subject') patch.subject = full.subject;
    if (field === 'body') patch.body = full.body;
    if (field === 'startDate') patch.startsAt = full.startsAt ?? null;
    if (field === 'dueDate') patch.dueAt = full.dueAt ?? null;
    if (field === 'status') patch.status = full.status;
    if (field === 'importance') patch.priority = full.priority;
  }
  return patch;
}

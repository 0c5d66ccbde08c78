import type { EwsTask, TaskFields, TaskStatus as EwsTaskStatus } from '../ews/ews-types';
import type { Nullable } from '../ews/field-codec';
import type { NeutralTask, TaskStatus } from '../exchange-items';
import { bodyFromEws, bodyToEws, selectFields } from './body.ews-mapper';
import { toLocal, toUtcInstant } from './time-zones';

const statusFromEws: Readonly<Record<EwsTaskStatus, TaskStatus>> = {
  NotStarted: 'not-started',
  InProgress: 'in-progress',
  Completed: 'completed',
  WaitingOnOthers: 'waiting-on-others',
  Deferred: 'deferred',
};
const statusToEws = Object.fromEntries(Object.entries(statusFromEws).map(([ews, neutral]) => [neutral, ews])) as Record<TaskStatus, EwsTaskStatus>;

/** Task dates are whole days; EWS reports them as midnight instants. */
function dayOf(instant: string | undefined): string | null {
  return instant ? instant.slice(0, 10) : null;
}

/** docs/sync-field-mapping.md, "Tasks". `zone` (IANA) labels reminder times, which EWS keeps as bare instants. */
export function taskFromEws(item: EwsTask, zone: string): NeutralTask {
  return {
    type: 'task',
    subject: item.subject ?? '',
    body: bodyFromEws(item.body),
    startDate: dayOf(item.startDate),
    dueDate: dayOf(item.dueDate),
    status: item.status ? statusFromEws[item.status] : 'not-started',
    percentComplete: item.percentComplete ?? 0,
    importance: item.importance === 'High' ? 'high' : item.importance === 'Low' ? 'low' : 'normal',
    reminderAt: item.reminderIsSet && item.reminderDueBy ? toLocal(item.reminderDueBy, zone) : null,
  };
}

const ewsKeysOf: Readonly<Record<Exclude<keyof NeutralTask, 'type'>, readonly (keyof TaskFields)[]>> = {
  subject: ['subject'],
  body: ['body'],
  startDate: ['startDate'],
  dueDate: ['dueDate'],
  status: ['status'],
  percentComplete: ['percentComplete'],
  importance: ['importance'],
  reminderAt: ['reminderIsSet', 'reminderDueBy'],
};

export function taskToEws(task: NeutralTask, fields: readonly string[] | 'create'): Nullable<TaskFields> {
  const all: Nullable<TaskFields> = {
    subject: task.subject,
    body: bodyToEws(task.body),
    startDate: task.startDate ? `${task.startDate}T00:00:00Z` : null,
    dueDate: task.dueDate ? `${task.dueDate}T00:00:00Z` : null,
    status: statusToEws[task.status],
    percentComplete: task.percentComplete,
    importance: task.importance === 'high' ? 'High' : task.importance === 'low' ? 'Low' : 'Normal',
    reminderIsSet: task.reminderAt !== null,
    reminderDueBy: task.reminderAt ? toUtcInstant(task.reminderAt) : null,
  };
  const keys = fields === 'create' ? 'create' : fields.flatMap((field) => ewsKeysOf[field as keyof typeof ewsKeysOf] ?? []);
  return selectFields(all as Record<string, unknown>, keys) as Nullable<TaskFields>;
}

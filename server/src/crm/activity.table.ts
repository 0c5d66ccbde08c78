import {
  appointmentSchema,
  taskSchema,
  type Appointment,
  type AppointmentCreate,
  type AppointmentPatch,
  type Task,
  type TaskCreate,
  type TaskPatch,
} from '../../../shared/crm/activity.schema';
import type { Database } from '../db/database';
import type { RecordTable } from './record-table';
import { requireReferences } from './reference-check';
import { inheritedVisibleSql, type Viewer } from './viewer';

interface ActivityRefs {
  ownerId?: string | null | undefined;
  companyId?: string | null | undefined;
  contactId?: string | null | undefined;
  projectId?: string | null | undefined;
}

async function checkActivityReferences(tx: Database, viewer: Viewer, values: ActivityRefs): Promise<void> {
  await requireReferences(tx, viewer, 'user', 'ownerId', [values.ownerId]);
  await requireReferences(tx, viewer, 'company', 'companyId', [values.companyId]);
  await requireReferences(tx, viewer, 'contact', 'contactId', [values.contactId]);
  await requireReferences(tx, viewer, 'project', 'projectId', [values.projectId]);
}

const activityRefColumns = [
  { field: 'ownerId', column: 'owner_id' },
  { field: 'companyId', column: 'company_id' },
  { field: 'contactId', column: 'contact_id' },
  { field: 'projectId', column: 'project_id' },
] as const;

const appointmentTable: RecordTable<Appointment, AppointmentCreate, AppointmentPatch> = {
  entityType: 'appointment',
  label: 'Appointment',
  table: 'crm_appointments',
  columns: [
    { field: 'subject', column: 'subject' },
    { field: 'startsAt', column: 'starts_at', kind: 'instant' },
    { field: 'endsAt', column: 'ends_at', kind: 'instant' },
    { field: 'allDay', column: 'all_day' },
    { field: 'location', column: 'location' },
    { field: 'body', column: 'body' },
    { field: 'iCalUId', column: 'ical_uid' },
    { field: 'attendees', column: 'attendees', kind: 'json' },
    ...activityRefColumns,
  ],
  visibility: inheritedVisibleSql('r', false),
  schema: appointmentSchema,
  checkReferences: checkActivityReferences,
};

const taskTable: RecordTable<Task, TaskCreate, TaskPatch> = {
  entityType: 'task',
  label: 'Task',
  table: 'crm_tasks',
  columns: [
    { field: 'subject', column: 'subject' },
    { field: 'startsAt', column: 'starts_at', kind: 'instant' },
    { field: 'dueAt', column: 'due_at', kind: 'instant' },
    { field: 'status', column: 'status' },
    { field: 'priority', column: 'priority' },
    { field: 'body', column: 'body' },
    ...activityRefColumns,
  ],
  visibility: inheritedVisibleSql('r', false),
  schema: taskSchema,
  checkReferences: checkActivityReferences,
};

export const activityTables = { appointment: appointmentTable, task: taskTable } as const;

import { z } from 'zod';
import { emailSchema, expectedVersionSchema, idSchema, isoInstantSchema, limits, optionalText, recordMetaSchema } from './common.schema';

const subjectSchema = z.string().trim().min(1).max(255);
const bodySchema = z.string().max(limits.body);

export const attendeeSchema = z
  .object({ email: emailSchema, name: optionalText(limits.name), type: z.enum(['required', 'optional', 'resource']).default('required') })
  .strict();
export type Attendee = z.infer<typeof attendeeSchema>;

const appointmentFields = {
  subject: subjectSchema,
  startsAt: isoInstantSchema,
  endsAt: isoInstantSchema,
  allDay: z.boolean(),
  location: optionalText(255),
  body: bodySchema,
  /** Meetings are one CRM appointment across mailboxes, recognised by this id (C3). */
  iCalUId: optionalText(1000),
  attendees: z.array(attendeeSchema).max(500),
  ownerId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  projectId: idSchema.nullable(),
};

const endsAfterStart = (value: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !value.startsAt || !value.endsAt || Date.parse(value.endsAt) >= Date.parse(value.startsAt);

export const appointmentCreateSchema = z
  .object({
    ...appointmentFields,
    allDay: appointmentFields.allDay.default(false),
    body: appointmentFields.body.default(''),
    attendees: appointmentFields.attendees.default([]),
    ownerId: appointmentFields.ownerId.optional(),
    companyId: appointmentFields.companyId.optional(),
    contactId: appointmentFields.contactId.optional(),
    projectId: appointmentFields.projectId.optional(),
  })
  .strict()
  .refine(endsAfterStart, { message: 'Must not be before startsAt', path: ['endsAt'] });
export type AppointmentCreate = z.infer<typeof appointmentCreateSchema>;

export const appointmentPatchSchema = z
  .object(appointmentFields)
  .partial()
  .extend({ expectedVersion: expectedVersionSchema })
  .strict()
  .refine(endsAfterStart, { message: 'Must not be before startsAt', path: ['endsAt'] });
export type AppointmentPatch = z.infer<typeof appointmentPatchSchema>;

export const appointmentSchema = recordMetaSchema.extend({
  subject: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  allDay: z.boolean(),
  location: z.string().nullable(),
  body: z.string(),
  iCalUId: z.string().nullable(),
  attendees: z.array(attendeeSchema),
  ownerId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  projectId: idSchema.nullable(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const taskStatuses = ['notStarted', 'inProgress', 'waiting', 'deferred', 'completed'] as const;
export const taskPriorities = ['low', 'normal', 'high'] as const;

const taskFields = {
  subject: subjectSchema,
  startsAt: isoInstantSchema.nullable(),
  dueAt: isoInstantSchema.nullable(),
  status: z.enum(taskStatuses),
  priority: z.enum(taskPriorities),
  body: bodySchema,
  ownerId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  projectId: idSchema.nullable(),
};

export const taskCreateSchema = z
  .object({
    ...taskFields,
    startsAt: taskFields.startsAt.optional(),
    dueAt: taskFields.dueAt.optional(),
    status: taskFields.status.default('notStarted'),
    priority: taskFields.priority.default('normal'),
    body: taskFields.body.default(''),
    ownerId: taskFields.ownerId.optional(),
    companyId: taskFields.companyId.optional(),
    contactId: taskFields.contactId.optional(),
    projectId: taskFields.projectId.optional(),
  })
  .strict();
export type TaskCreate = z.infer<typeof taskCreateSchema>;
export const taskPatchSchema = z.object(taskFields).partial().extend({ expectedVersion: expectedVersionSchema }).strict();
export type TaskPatch = z.infer<typeof taskPatchSchema>;

export const taskSchema = recordMetaSchema.extend({
  subject: z.string(),
  startsAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.enum(taskStatuses),
  priority: z.enum(taskPriorities),
  body: z.string(),
  ownerId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  projectId: idSchema.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

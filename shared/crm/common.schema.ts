import { z } from 'zod';

/** Bounds shared by every CRM payload, so the API and the database agree on sizes. */
export const limits = {
  name: 200,
  shortText: 100,
  code: 50,
  longText: 10_000,
  body: 1_000_000,
  email: 254,
  listItems: 20,
} as const;

// Any 8-4-4-4-12 hex id: records fed by an ERP or another CRM may carry non-RFC-variant ids.
export const idSchema = z.guid();

export const nameSchema = z.string().trim().min(1).max(limits.name);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const notesSchema = z.string().max(limits.longText);

/** Addresses are kept trimmed and lower case: suggest and search compare them that way. */
export const emailSchema = z
  .string()
  .trim()
  .max(limits.email)
  .pipe(z.email())
  .transform((value) => value.toLowerCase());

export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Must be a domain like example.com');

export const isoInstantSchema = z.iso.datetime({ offset: true });
export const isoDateSchema = z.iso.date();

export const addressSchema = z
  .object({
    street: optionalText(limits.name),
    postalCode: optionalText(20),
    city: optionalText(limits.shortText),
    region: optionalText(limits.shortText),
    country: optionalText(limits.shortText),
  })
  .strict();
export type PostalAddress = z.infer<typeof addressSchema>;

/** Present on every stored record. */
export const recordMetaSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Optional guard on updates and deletes: a stale version answers 409 instead of overwriting. */
export const expectedVersionSchema = z.number().int().min(1).optional();

export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export const idParamsSchema = z.object({ id: idSchema }).strict();

export const versionBodySchema = z.object({ expectedVersion: expectedVersionSchema }).strict();

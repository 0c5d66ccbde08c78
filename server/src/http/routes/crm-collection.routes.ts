import { z } from 'zod';
import type { Principal, Role } from '../../auth/principal';
import { CrmInvalidError, CrmNotFoundError, CrmVersionConflictError } from '../../crm/crm-errors';
import type { CrmStore, RecordCollection } from '../../crm/crm-store';
import type { Viewer, WriteContext } from '../../crm/viewer';
import { idParamsSchema, pageQuerySchema, pageSchema } from '../../../../shared/crm/common.schema';
import { HttpError } from '../http-error';
import { defineRoute, type RouteSpec } from '../route-spec';

/** Store errors become the API's error shape here, so the store stays free of HTTP. */
export function toCrmHttpError(err: unknown): unknown {
  if (err instanceof CrmNotFoundError) return new HttpError('not_found', err.message);
  if (err instanceof CrmVersionConflictError) return new HttpError('conflict', err.message, [{ path: 'expectedVersion', message: `Current version is ${err.currentVersion}` }]);
  if (err instanceof CrmInvalidError) return new HttpError('validation_failed', err.message, err.fields);
  return err;
}

export async function withCrmErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toCrmHttpError(err);
  }
}

export function viewerOf(crm: CrmStore, principal: Principal): Promise<Viewer> {
  return crm.resolveViewer(principal);
}

export async function writerOf(crm: CrmStore, principal: Principal): Promise<WriteContext> {
  return { ...(await crm.resolveViewer(principal)), origin: 'api' };
}

const deleteQuerySchema = z.object({ expectedVersion: z.coerce.number().int().min(1).optional() }).strict();

export interface CollectionRouteOptions<T, C, P> {
  readonly crm: CrmStore;
  /** Path segment, e.g. `companies`. */
  readonly path: string;
  readonly noun: string;
  readonly role: Role;
  readonly collection: RecordCollection<T, C, P>;
  readonly createSchema: z.ZodType<C>;
  readonly patchSchema: z.ZodType<P & { expectedVersion?: number | undefined }>;
  readonly recordSchema: z.ZodType<T>;
}

/** Create, list, get, update (PATCH) and delete of one record type. */
export function collectionRoutes<T, C, P>(o: CollectionRouteOptions<T, C, P>): RouteSpec[] {
  const { crm, collection } = o;
  const base = `/${o.path}`;
  return [
    defineRoute({
      method: 'post', path: base, summary: `Create a ${o.noun}`, tag: 'crm', role: o.role, status: 201,
      body: o.createSchema, response: o.recordSchema,
      handle: async ({ body, principal }) => withCrmErrors(async () => collection.create(await writerOf(crm, principal), body)),
    }),
    defineRoute({
      method: 'get', path: base, summary: `List ${o.path} visible to the caller`, tag: 'crm', role: o.role,
      query: pageQuerySchema, response: pageSchema(o.recordSchema),
      handle: async ({ query, principal }) => withCrmErrors(async () => collection.list(await viewerOf(crm, principal), query)),
    }),
    defineRoute({
      method: 'get', path: `${base}/:id`, summary: `Get a ${o.noun}`, tag: 'crm', role: o.role,
      params: idParamsSchema, response: o.recordSchema,
      handle: async ({ params, principal }) => withCrmErrors(async () => collection.get(await viewerOf(crm, principal), params.id)),
    }),
    defineRoute({
      method: 'patch', path: `${base}/:id`, summary: `Update a ${o.noun} (optionally only at expectedVersion)`, tag: 'crm', role: o.role,
      params: idParamsSchema, body: o.patchSchema, response: o.recordSchema,
      handle: async ({ params, body, principal }) => withCrmErrors(async () => collection.update(await writerOf(crm, principal), params.id, body)),
    }),
    defineRoute({
      method: 'delete', path: `${base}/:id`, summary: `Delete a ${o.noun}`, tag: 'crm', role: o.role,
      params: idParamsSchema, query: deleteQuerySchema,
      handle: async ({ params, query, principal }) =>
        withCrmErrors(async () => collection.remove(await writerOf(crm, principal), params.id, query.expectedVersion)),
    }),
  ];
}

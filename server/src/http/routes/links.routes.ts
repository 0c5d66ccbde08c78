import { z } from 'zod';
import type { CrmStore } from '../../crm/crm-store';
import { idSchema } from '../../../../shared/crm/common.schema';
import { itemLinksQuerySchema, itemLinksSchema, linkRequestSchema, recordItemsSchema, unlinkRequestSchema } from '../../../../shared/crm/link.schema';
import { linkableTypes } from '../../../../shared/crm/record-ref.schema';
import { defineRoute, type RouteSpec } from '../route-spec';
import { viewerOf, withCrmErrors } from './crm-collection.routes';

const recordParamsSchema = z.object({ type: z.enum(linkableTypes), id: idSchema }).strict();

/** Links between Exchange items and CRM records (A5, A6), mounted at `/api/links`. */
export function linkRoutes(deps: { crm: CrmStore }): RouteSpec[] {
  const { crm } = deps;
  return [
    defineRoute({
      method: 'post', path: '/', summary: 'Link an item to records (idempotent)', tag: 'links', role: 'user',
      body: linkRequestSchema, response: itemLinksSchema,
      handle: async ({ body, principal }) => withCrmErrors(async () => crm.link(await viewerOf(crm, principal), body.item, body.records)),
    }),
    defineRoute({
      method: 'post', path: '/unlink', summary: 'Remove links of an item to records', tag: 'links', role: 'user',
      body: unlinkRequestSchema, response: itemLinksSchema,
      handle: async ({ body, principal }) => withCrmErrors(async () => crm.unlink(await viewerOf(crm, principal), body.identities, body.records)),
    }),
    defineRoute({
      method: 'get', path: '/', summary: 'Records an item is linked to, found by any of its identities', tag: 'links', role: 'user',
      query: itemLinksQuerySchema, response: itemLinksSchema,
      handle: async ({ query, principal }) => crm.linksOfItem(await viewerOf(crm, principal), query),
    }),
    defineRoute({
      method: 'get', path: '/records/:type/:id', summary: 'Items linked to a record', tag: 'links', role: 'user',
      params: recordParamsSchema, response: recordItemsSchema,
      handle: async ({ params, principal }) => withCrmErrors(async () => ({ items: await crm.itemsOfRecord(await viewerOf(crm, principal), params) })),
    }),
  ];
}

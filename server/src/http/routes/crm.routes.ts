import type { CrmStore } from '../../crm/crm-store';
import { appointmentCreateSchema, appointmentPatchSchema, appointmentSchema, taskCreateSchema, taskPatchSchema, taskSchema } from '../../../../shared/crm/activity.schema';
import { changesPageSchema, changesQuerySchema } from '../../../../shared/crm/change.schema';
import { idParamsSchema } from '../../../../shared/crm/common.schema';
import { companyCreateSchema, companyPatchSchema, companySchema } from '../../../../shared/crm/company.schema';
import { contactCreateSchema, contactPatchSchema, contactSchema } from '../../../../shared/crm/contact.schema';
import { offerCreateSchema, offerPatchSchema, offerSchema, projectCreateSchema, projectPatchSchema, projectSchema } from '../../../../shared/crm/deal.schema';
import { fileMailResultSchema, mailFileSchema, mailSchema } from '../../../../shared/crm/mail.schema';
import { searchQuerySchema, searchResultSchema } from '../../../../shared/crm/search.schema';
import { suggestRequestSchema, suggestResponseSchema } from '../../../../shared/crm/suggest.schema';
import { groupCreateSchema, groupPatchSchema, groupSchema, userCreateSchema, userPatchSchema, userSchema } from '../../../../shared/crm/user.schema';
import { defineRoute, type RouteSpec } from '../route-spec';
import { collectionRoutes, viewerOf, withCrmErrors, writerOf } from './crm-collection.routes';

/** The CRM's REST API (D1), mounted at `/api/crm` behind authentication. */
export function crmRoutes(deps: { crm: CrmStore }): RouteSpec[] {
  const { crm } = deps;
  return [
    ...collectionRoutes({ crm, path: 'companies', noun: 'company', role: 'user', collection: crm.companies, createSchema: companyCreateSchema, patchSchema: companyPatchSchema, recordSchema: companySchema }),
    ...collectionRoutes({ crm, path: 'contacts', noun: 'contact', role: 'user', collection: crm.contacts, createSchema: contactCreateSchema, patchSchema: contactPatchSchema, recordSchema: contactSchema }),
    ...collectionRoutes({ crm, path: 'projects', noun: 'project', role: 'user', collection: crm.projects, createSchema: projectCreateSchema, patchSchema: projectPatchSchema, recordSchema: projectSchema }),
    ...collectionRoutes({ crm, path: 'offers', noun: 'offer', role: 'user', collection: crm.offers, createSchema: offerCreateSchema, patchSchema: offerPatchSchema, recordSchema: offerSchema }),
    ...collectionRoutes({ crm, path: 'appointments', noun: 'appointment', role: 'user', collection: crm.appointments, createSchema: appointmentCreateSchema, patchSchema: appointmentPatchSchema, recordSchema: appointmentSchema }),
    ...collectionRoutes({ crm, path: 'tasks', noun: 'task', role: 'user', collection: crm.tasks, createSchema: taskCreateSchema, patchSchema: taskPatchSchema, recordSchema: taskSchema }),
    ...collectionRoutes({ crm, path: 'users', noun: 'CRM user', role: 'admin', collection: crm.users, createSchema: userCreateSchema, patchSchema: userPatchSchema, recordSchema: userSchema }),
    ...collectionRoutes({ crm, path: 'groups', noun: 'user group', role: 'admin', collection: crm.groups, createSchema: groupCreateSchema, patchSchema: groupPatchSchema, recordSchema: groupSchema }),
    defineRoute({
      method: 'get', path: '/changes', summary: 'Read the change journal after a sequence number', tag: 'crm', role: 'admin',
      query: changesQuerySchema, response: changesPageSchema,
      handle: async ({ query }) => {
        const changes = await crm.readChanges(query.after, query.limit, query.types);
        return { changes, lastSeq: changes.at(-1)?.seq ?? query.after };
      },
    }),
    defineRoute({
      method: 'get', path: '/search', summary: 'Search companies, contacts, projects and offers (ranked)', tag: 'crm', role: 'user',
      query: searchQuerySchema, response: searchResultSchema,
      handle: async ({ query, principal }) => ({ hits: await crm.search(await viewerOf(crm, principal), query) }),
    }),
    defineRoute({
      method: 'post', path: '/suggest', summary: 'Records matching the e-mail addresses of a mail or meeting', tag: 'crm', role: 'user',
      body: suggestRequestSchema, response: suggestResponseSchema,
      handle: async ({ body, principal }) => ({ suggestions: await crm.suggest(await viewerOf(crm, principal), body.addresses) }),
    }),
    defineRoute({
      method: 'post', path: '/mails', summary: 'File a mail (idempotent by Internet Message-ID)', tag: 'crm', role: 'user',
      body: mailFileSchema, response: fileMailResultSchema,
      handle: async ({ body, principal }) => withCrmErrors(async () => crm.fileMail(await writerOf(crm, principal), body)),
    }),
    defineRoute({
      method: 'get', path: '/mails/:id', summary: 'Get a filed mail', tag: 'crm', role: 'user',
      params: idParamsSchema, response: mailSchema,
      handle: async ({ params, principal }) => withCrmErrors(async () => crm.getMail(await viewerOf(crm, principal), params.id)),
    }),
  ];
}

import { z } from 'zod';
import {
  basicAuthInputSchema,
  discoverUrlInputSchema,
  discoverUrlResultSchema,
  exchangeServerInputSchema,
  exchangeServerSchema,
  oauth2AuthInputSchema,
  testConnectionInputSchema,
  testConnectionResultSchema,
} from '../../../../shared/admin/exchange-server.schema';
import type { ExchangeConnectionService } from '../../admin/exchange-connection.service';
import type { ExchangeServerStore } from '../../admin/exchange-server.store';
import { notFound } from '../http-error';
import { defineRoute, type RouteSpec } from '../route-spec';

const idParams = z.strictObject({ id: z.string().min(1) });

/**
 * "Discover URL" before the server is saved: the mail address plus what the form holds,
 * checked like a server input except that the secret must be there (nothing is stored,
 * so there is no stored secret to fall back to).
 */
const draftDiscoverSchema = z.strictObject({
  email: z.email(),
  ewsUrl: exchangeServerInputSchema.shape.ewsUrl.optional(),
  alternativeLoginName: exchangeServerInputSchema.shape.alternativeLoginName,
  auth: z.discriminatedUnion('method', [
    oauth2AuthInputSchema.extend({ clientSecret: z.string().min(1).max(4096) }),
    basicAuthInputSchema.extend({ password: z.string().min(1).max(4096) }),
  ]),
});

/** B1/B2/B3 under `/api/admin`: Exchange servers, their connection test and Autodiscover. */
export function buildAdminServerRoutes(servers: ExchangeServerStore, connections: ExchangeConnectionService): RouteSpec[] {
  return [
    defineRoute({ method: 'get', path: '/exchange-servers', summary: 'List Exchange servers', tag: 'admin', role: 'admin', response: z.array(exchangeServerSchema), handle: () => servers.list() }),
    defineRoute({
      method: 'post',
      path: '/exchange-servers',
      summary: 'Create an Exchange server (the secret is stored sealed and never returned)',
      tag: 'admin',
      role: 'admin',
      body: exchangeServerInputSchema,
      response: exchangeServerSchema,
      status: 201,
      handle: ({ body }) => servers.create(body),
    }),
    defineRoute({
      method: 'post',
      path: '/exchange-servers/discover-url',
      summary: 'Find the EWS URL for a mail address by Autodiscover with unsaved credentials (nothing is stored)',
      tag: 'admin',
      role: 'admin',
      body: draftDiscoverSchema,
      response: discoverUrlResultSchema,
      handle: ({ body }) => connections.discoverDraft(body),
    }),
    defineRoute({
      method: 'get',
      path: '/exchange-servers/:id',
      summary: 'Read an Exchange server',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      response: exchangeServerSchema,
      handle: async ({ params }) => (await servers.get(params.id)) ?? Promise.reject(notFound('Exchange server')),
    }),
    defineRoute({
      method: 'put',
      path: '/exchange-servers/:id',
      summary: 'Replace an Exchange server; an omitted secret keeps the stored one',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      body: exchangeServerInputSchema,
      response: exchangeServerSchema,
      handle: async ({ params, body }) => (await servers.update(params.id, body)) ?? Promise.reject(notFound('Exchange server')),
    }),
    defineRoute({
      method: 'delete',
      path: '/exchange-servers/:id',
      summary: 'Delete an Exchange server without accounts',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      handle: async ({ params }) => {
        if (!(await servers.remove(params.id))) throw notFound('Exchange server');
      },
    }),
    defineRoute({
      method: 'post',
      path: '/exchange-servers/:id/test-connection',
      summary: 'Log in and make one harmless call, optionally acting as a mailbox',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      body: testConnectionInputSchema,
      response: testConnectionResultSchema,
      handle: ({ params, body }) => connections.test(params.id, body.mailbox),
    }),
    defineRoute({
      method: 'post',
      path: '/exchange-servers/:id/discover-url',
      summary: 'Find the EWS URL for a mail address by Autodiscover, with this server\'s credentials',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      body: discoverUrlInputSchema,
      response: discoverUrlResultSchema,
      handle: ({ params, body }) => connections.discover(params.id, body.email),
    }),
  ];
}

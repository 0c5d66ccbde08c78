import { z } from 'zod';
import { testConnectionResultSchema } from '../../../../shared/admin/exchange-server.schema';
import { mailboxAccountInputSchema, mailboxAccountSchema, type MailboxAccount, type MailboxAccountInput } from '../../../../shared/admin/mailbox-account.schema';
import { exchangeFolderSchema, mailboxStatusSchema, runNowResultSchema, syncLogEntrySchema, syncRunSchema } from '../../../../shared/admin/sync-status.schema';
import type { ExchangeConnectionService } from '../../admin/exchange-connection.service';
import type { MailboxAccountStore } from '../../admin/mailbox-account.store';
import type { SyncStatusService } from '../../admin/sync-status.service';
import { notFound } from '../http-error';
import { defineRoute, type RouteSpec } from '../route-spec';

const idParams = z.strictObject({ id: z.string().min(1) });
const testAndEnableSchema = testConnectionResultSchema.extend({ account: mailboxAccountSchema });

/** The account as its own input, active; an override's stored secret is kept by leaving it out. */
function activeInputOf(account: MailboxAccount): MailboxAccountInput {
  const override = account.authOverride;
  return {
    userId: account.userId,
    mailbox: account.mailbox,
    serverId: account.serverId,
    active: true,
    authFailurePolicy: account.authFailurePolicy,
    authOverride:
      override === null
        ? null
        : override.method === 'oauth2'
          ? { method: 'oauth2', tenantId: override.tenantId, clientId: override.clientId }
          : { method: 'basic', username: override.username },
  };
}

/** B4 and B9 under `/api/admin`: mailbox accounts, their folder trees, the status wall, runs and log. */
export function buildAdminAccountRoutes(accounts: MailboxAccountStore, connections: ExchangeConnectionService, status: SyncStatusService): RouteSpec[] {
  return [
    defineRoute({ method: 'get', path: '/mailbox-accounts', summary: 'List mailbox accounts', tag: 'admin', role: 'admin', response: z.array(mailboxAccountSchema), handle: () => accounts.list() }),
    defineRoute({
      method: 'post',
      path: '/mailbox-accounts',
      summary: 'Create a mailbox account',
      tag: 'admin',
      role: 'admin',
      body: mailboxAccountInputSchema,
      response: mailboxAccountSchema,
      status: 201,
      handle: ({ body }) => accounts.create(body),
    }),
    defineRoute({
      method: 'put',
      path: '/mailbox-accounts/:id',
      summary: 'Replace a mailbox account; setting it active again reactivates it',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      body: mailboxAccountInputSchema,
      response: mailboxAccountSchema,
      handle: async ({ params, body }) => (await accounts.update(params.id, body)) ?? Promise.reject(notFound('Mailbox account')),
    }),
    defineRoute({
      method: 'delete',
      path: '/mailbox-accounts/:id',
      summary: 'Delete a mailbox account and its sync state',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      handle: async ({ params }) => {
        if (!(await accounts.remove(params.id))) throw notFound('Mailbox account');
      },
    }),
    defineRoute({
      method: 'post',
      path: '/mailbox-accounts/:id/test-and-enable',
      summary: 'Make one real impersonated call in the mailbox with the credentials the sync uses; when it works, activate the account',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      response: testAndEnableSchema,
      handle: async ({ params }) => {
        const result = await connections.testAccount(params.id);
        const current = await accounts.get(params.id);
        if (!current) throw notFound('Mailbox account');
        if (!result.ok || current.active) return { ...result, account: current };
        const enabled = await accounts.update(current.id, activeInputOf(current));
        if (!enabled) throw notFound('Mailbox account');
        return { ...result, account: enabled };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/mailbox-accounts/:id/folders',
      summary: 'The mailbox\'s real folder tree (FindFolder), to pick a rule\'s folders from',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      response: z.array(exchangeFolderSchema),
      handle: async ({ params }) => (await connections.listFolders(params.id)).map((folder) => ({ ...folder, path: [...folder.path] })),
    }),
    defineRoute({ method: 'get', path: '/sync/status', summary: 'Status wall: one row per mailbox', tag: 'admin', role: 'admin', response: z.array(mailboxStatusSchema), handle: () => status.listStatuses() }),
    defineRoute({
      method: 'get',
      path: '/mailbox-accounts/:id/runs',
      summary: 'Recent sync runs of a mailbox',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: z.array(syncRunSchema),
      handle: ({ params, query }) => status.listRuns(params.id, query.limit),
    }),
    defineRoute({
      method: 'get',
      path: '/sync/runs/:id/log',
      summary: 'Sync log of one run: every create/change/delete on either side and every failed call',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      response: z.array(syncLogEntrySchema),
      handle: ({ params }) => status.listLog(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/mailbox-accounts/:id/run-now',
      summary: 'Sync this mailbox now, ignoring a pending retry time',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      response: runNowResultSchema,
      handle: ({ params }) => status.runNow(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/mailbox-accounts/:id/reset',
      summary: 'Reset and resync: forget sync states and cursors, keep pairs (no duplicates)',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      response: z.strictObject({ foldersReset: z.number().int() }),
      handle: ({ params }) => status.resetAndResync(params.id),
    }),
  ];
}

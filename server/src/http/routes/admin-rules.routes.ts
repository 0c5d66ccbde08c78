import { z } from 'zod';
import { batchSettingsInputSchema, batchSettingsSchema } from '../../../../shared/admin/batch-settings.schema';
import { syncRuleInputSchema, syncRuleSchema } from '../../../../shared/admin/sync-rule.schema';
import { runNowResultSchema } from '../../../../shared/admin/sync-status.schema';
import type { BatchSettingsStore } from '../../admin/batch-settings.store';
import type { SyncRuleStore } from '../../admin/sync-rule.store';
import type { SyncStatusService } from '../../admin/sync-status.service';
import { notFound } from '../http-error';
import { defineRoute, type RouteSpec } from '../route-spec';

const idParams = z.strictObject({ id: z.string().min(1) });
const ruleRunSchema = z.strictObject({ runs: z.array(runNowResultSchema.extend({ accountId: z.string(), mailbox: z.string() })) });

/** B5 and B6 under `/api/admin`: sync rules, "run now" per rule, and the batch process settings. */
export function buildAdminRuleRoutes(rules: SyncRuleStore, batch: BatchSettingsStore, status: SyncStatusService): RouteSpec[] {
  return [
    defineRoute({ method: 'get', path: '/sync-rules', summary: 'List sync rules', tag: 'admin', role: 'admin', response: z.array(syncRuleSchema), handle: () => rules.list() }),
    defineRoute({
      method: 'post',
      path: '/sync-rules',
      summary: 'Create a sync rule (only changes after this moment are synced unless an import window is set)',
      tag: 'admin',
      role: 'admin',
      body: syncRuleInputSchema,
      response: syncRuleSchema,
      status: 201,
      handle: ({ body }) => rules.create(body),
    }),
    defineRoute({
      method: 'put',
      path: '/sync-rules/:id',
      summary: 'Replace a sync rule',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      body: syncRuleInputSchema,
      response: syncRuleSchema,
      handle: async ({ params, body }) => (await rules.update(params.id, body)) ?? Promise.reject(notFound('Sync rule')),
    }),
    defineRoute({
      method: 'delete',
      path: '/sync-rules/:id',
      summary: 'Delete a sync rule',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      handle: async ({ params }) => {
        if (!(await rules.remove(params.id))) throw notFound('Sync rule');
      },
    }),
    defineRoute({
      method: 'post',
      path: '/sync-rules/:id/run-now',
      summary: 'Sync now every active mailbox this rule governs (by the rules\' precedence), ignoring pending retry times',
      tag: 'admin',
      role: 'admin',
      params: idParams,
      response: ruleRunSchema,
      handle: async ({ params }) => ({ runs: await status.runRule(params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/sync/batch',
      summary: 'Batch process settings and status',
      tag: 'admin',
      role: 'admin',
      response: batchSettingsSchema,
      handle: async () => ({ ...(await batch.get()), status: await batch.status() }),
    }),
    defineRoute({
      method: 'put',
      path: '/sync/batch',
      summary: 'Replace the batch process settings (interval, active, autostart, node, 401 policy, log retention)',
      tag: 'admin',
      role: 'admin',
      body: batchSettingsInputSchema,
      response: batchSettingsSchema,
      handle: async ({ body }) => ({ ...(await batch.save(body)), status: await batch.status() }),
    }),
  ];
}

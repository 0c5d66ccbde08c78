import type { Logger } from 'pino';
import { defaultAuthFailurePolicy } from '../../../shared/admin/auth-failure-policy.schema';
import type { SyncRule } from '../../../shared/admin/sync-rule.schema';
import { isExchangeError } from '../exchange/exchange-error';
import type { ExchangeFolder, ExchangeGateway, ExchangeGatewayFactory } from '../exchange/exchange-gateway';
import type { CrmSyncPort } from './crm-sync.port';
import { decideTransition, defaultErrorPolicyTimings, type SyncTransition } from './error.policy';
import { syncCrmChanges } from './crm-pass';
import { DeleteGuard, heldDeletesMessage } from './delete-protection';
import { syncFolderChanges } from './exchange-pass';
import { folderClassOf, resolveRuleFolders, type ResolvedFolders } from './folder-resolver';
import { assignFolderOwners, selectRulesForUser } from './rule-precedence.policy';
import { RunRecorder } from './run-recorder';
import { defaultEngineOptions, toMergeRule, type EngineOptions, type RuleSyncContext } from './rule-sync.context';
import type { AccountForSync, MailboxStatus, MailboxStatusStore, SyncConfigPort } from './sync-config.port';
import type { RunCounts, SyncLogStore } from './sync-log.port';
import type { SyncStateStore } from './sync-state.port';

export interface MailboxSyncDeps {
  readonly config: SyncConfigPort;
  readonly crm: CrmSyncPort;
  readonly state: SyncStateStore;
  readonly log: SyncLogStore;
  readonly statuses: MailboxStatusStore;
  readonly gatewayFor: ExchangeGatewayFactory;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly random: () => number;
  readonly options?: Partial<EngineOptions>;
  /**
   * How long a mailbox's folder tree is reused. The tree rarely changes, and reading it
   * on every run would cost two calls per idle mailbox on top of one SyncFolderItems per
   * folder; a folder that disappears drops the cached tree at once.
   */
  readonly folderTreeTtlMs?: number;
}

export type MailboxRunOutcome =
  | { readonly status: 'synced'; readonly runId: string; readonly counts: RunCounts }
  | { readonly status: 'failed'; readonly runId: string; readonly counts: RunCounts; readonly transition: SyncTransition }
  | { readonly status: 'skipped'; readonly reason: string };

interface RulePlan {
  readonly rule: SyncRule;
  readonly folders: ResolvedFolders;
}

function planRules(rules: readonly SyncRule[], tree: readonly ExchangeFolder[]): RulePlan[] {
  const resolved = rules.map((rule) => ({ rule, folders: resolveRuleFolders(tree, rule.dataType, rule.folders, rule.includeSubfolders, rule.newItemsFolder) }));
  const owners = assignFolderOwners(resolved.map(({ rule, folders }) => ({ ruleId: rule.id, folderIds: folders.folderIds })));
  return resolved.map(({ rule, folders }) => ({ rule, folders: { ...folders, folderIds: folders.folderIds.filter((id) => owners.get(id) === rule.id) } }));
}

function emptyStatus(accountId: string): MailboxStatus {
  const counts = { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 };
  return { accountId, lastRunAt: null, lastSuccessAt: null, lastError: null, lastErrorKind: null, nextAttemptAt: null, authFailures: 0, consecutiveFailures: 0, alert: false, counts };
}

/** Syncs one mailbox: every rule that governs its user, Exchange side first, then the CRM journal. */
export function createMailboxSync(deps: MailboxSyncDeps) {
  const options: EngineOptions = { ...defaultEngineOptions, ...deps.options };
  const treeTtlMs = deps.folderTreeTtlMs ?? 3_600_000;
  const trees = new Map<string, { readonly tree: ExchangeFolder[]; readonly readAt: number }>();

  async function folderTree(account: AccountForSync, gateway: ExchangeGateway): Promise<ExchangeFolder[]> {
    const cached = trees.get(account.id);
    if (cached && deps.now().getTime() - cached.readAt < treeTtlMs) return cached.tree;
    const tree = await gateway.listFolders(account.mailbox);
    trees.set(account.id, { tree, readAt: deps.now().getTime() });
    return tree;
  }

  async function syncRule(account: AccountForSync, gateway: ExchangeGateway, tree: readonly ExchangeFolder[], plan: RulePlan, recorder: RunRecorder, deleteGuard: DeleteGuard): Promise<void> {
    const classFolderIds = tree.filter((folder) => folder.folderClass === folderClassOf[plan.rule.dataType]).map((folder) => folder.id);
    const ctx: RuleSyncContext = { account, rule: plan.rule, mergeRule: toMergeRule(plan.rule), folders: plan.folders, classFolderIds, gateway, crm: deps.crm, state: deps.state, recorder, now: deps.now, options, deleteGuard };
    if (plan.folders.missing.length > 0) recorder.record('none', 'failed', plan.rule.dataType, {}, { ruleId: plan.rule.id, missingFolders: plan.folders.missing });
    for (const folderId of plan.folders.folderIds) await syncFolderWithPolicy(ctx, account, folderId);
    await syncCrmChanges(ctx);
  }

  /** Folder-level failures are settled here; anything else fails the mailbox run. */
  async function syncFolderWithPolicy(ctx: RuleSyncContext, account: AccountForSync, folderId: string): Promise<void> {
    try {
      await syncFolderChanges(ctx, folderId);
    } catch (error) {
      const transition = decideTransition(error, { level: 'folder', folderId }, { authFailures: 0, consecutiveFailures: 0 }, defaultAuthFailurePolicy, policyOptions());
      if (transition.type === 'reset-folder') {
        ctx.recorder.record('exchange', 'reset', ctx.rule.dataType, {}, { folderId, reason: 'sync state invalid' });
        await deps.state.deleteFolderState(account.id, folderId);
        await syncFolderChanges(ctx, folderId);
        return;
      }
      if (transition.type === 'forget-folder') {
        ctx.recorder.record('exchange', 'failed', ctx.rule.dataType, {}, { folderId, reason: 'folder no longer exists' });
        deps.logger.warn({ alert: true, accountId: account.id, folderId }, 'a synced Exchange folder no longer exists');
        trees.delete(account.id);
        await deps.state.deleteFolderState(account.id, folderId);
        return;
      }
      throw error;
    }
  }

  function policyOptions() {
    return { ...defaultErrorPolicyTimings, now: deps.now(), random: deps.random };
  }

  async function settleFailure(account: AccountForSync, status: MailboxStatus, error: unknown, counts: RunCounts): Promise<SyncTransition> {
    const settings = await deps.config.getBatchSettings();
    const policy = account.authFailurePolicy ?? settings.authFailurePolicy;
    const transition = decideTransition(error, { level: 'mailbox' }, status, policy, policyOptions());
    const message = error instanceof Error ? error.message : String(error);
    const kind = isExchangeError(error) ? error.kind : 'unknown';
    const base = { ...status, lastRunAt: deps.now().toISOString(), lastError: message, lastErrorKind: kind, counts };
    switch (transition.type) {
      case 'back-off':
        await deps.statuses.saveStatus({ ...base, nextAttemptAt: transition.until.toISOString() });
        break;
      case 'retry-later':
        await deps.statuses.saveStatus({ ...base, nextAttemptAt: transition.at.toISOString(), consecutiveFailures: transition.consecutiveFailures, alert: transition.alert });
        break;
      case 'auth-retry':
        await deps.statuses.saveStatus({ ...base, nextAttemptAt: transition.at.toISOString(), authFailures: transition.authFailures });
        break;
      case 'deactivate':
        await deps.config.deactivateAccount(account.id, transition.reason);
        await deps.statuses.saveStatus({ ...base, nextAttemptAt: null, authFailures: kind === 'auth-failed' ? status.authFailures + 1 : status.authFailures, alert: true });
        deps.logger.warn({ alert: true, accountId: account.id, reason: transition.reason }, 'mailbox account deactivated');
        break;
      case 'reset-folder':
      case 'forget-folder':
        await deps.statuses.saveStatus({ ...base, nextAttemptAt: null });
        break;
    }
    return transition;
  }

  /** `force` ignores a pending back-off or retry time ("run now", CLI). */
  async function syncMailbox(accountId: string, force = false): Promise<MailboxRunOutcome> {
    const account = await deps.config.getAccountForSync(accountId);
    if (!account) return { status: 'skipped', reason: 'no such account' };
    if (!account.active) return { status: 'skipped', reason: 'account is inactive' };
    const status = (await deps.statuses.getStatus(accountId)) ?? emptyStatus(accountId);
    if (!force && status.nextAttemptAt && status.nextAttemptAt > deps.now().toISOString()) return { status: 'skipped', reason: `waiting until ${status.nextAttemptAt}` };
    const runId = await deps.log.startRun(accountId, deps.now().toISOString());
    const recorder = new RunRecorder(deps.log, runId, accountId, deps.now);
    try {
      const gateway = deps.gatewayFor(account.connection);
      const subject = await deps.crm.userSubject(account.userId);
      const rules = selectRulesForUser(await deps.config.listRules(), subject);
      const tree = rules.length > 0 ? await folderTree(account, gateway) : [];
      const guards: DeleteGuard[] = [];
      for (const plan of planRules(rules, tree)) {
        const guard = DeleteGuard.forRule(plan.rule);
        guards.push(guard);
        await syncRule(account, gateway, tree, plan, recorder, guard);
      }
      await recorder.flush();
      const now = deps.now().toISOString();
      // Held-back deletes (C5) do not fail the run, but the status wall must show them until resolved.
      const held = heldDeletesMessage(guards);
      const heldStatus = held ? { lastError: held, lastErrorKind: 'delete-protection', alert: true } : {};
      await deps.statuses.saveStatus({ ...emptyStatus(accountId), lastRunAt: now, lastSuccessAt: now, counts: recorder.counts, ...heldStatus });
      await deps.log.finishRun(runId, now, recorder.counts, null);
      return { status: 'synced', runId, counts: recorder.counts };
    } catch (error) {
      // A failed run may mean a changed mailbox (moved folders, new rights): read the tree again next time.
      trees.delete(accountId);
      const code = isExchangeError(error) ? (error.code ?? error.kind) : 'unknown';
      recorder.record('none', 'failed', null, {}, { code, message: error instanceof Error ? error.message : String(error) });
      await recorder.flush();
      const transition = await settleFailure(account, status, error, recorder.counts);
      await deps.log.finishRun(runId, deps.now().toISOString(), recorder.counts, code);
      return { status: 'failed', runId, counts: recorder.counts, transition };
    }
  }

  return { syncMailbox };
}

export type MailboxSync = ReturnType<typeof createMailboxSync>;

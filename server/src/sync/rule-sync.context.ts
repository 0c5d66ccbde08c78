import type { SyncRule } from '../../../shared/admin/sync-rule.schema';
import type { ExchangeGateway } from '../exchange/exchange-gateway';
import type { CrmReadOptions, CrmSyncPort, CrmWriteContext } from './crm-sync.port';
import type { DeleteGuard } from './delete-protection';
import type { ResolvedFolders } from './folder-resolver';
import type { MergeDecision, MergeRule } from './merge.types';
import type { RunRecorder } from './run-recorder';
import type { SyncPair, SyncStateStore } from './sync-state.port';

export interface SyncAccount {
  readonly id: string;
  readonly userId: string;
  readonly mailbox: string;
}

export interface EngineOptions {
  /** Changes per SyncFolderItems page (EWS allows 1..512). */
  readonly pageSize: number;
  /** CRM journal entries per page. */
  readonly journalPageSize: number;
  /** Items per CreateItem/UpdateItem/DeleteItem call; Microsoft recommends about 10. */
  readonly writeBatchSize: number;
}

export const defaultEngineOptions: EngineOptions = { pageSize: 512, journalPageSize: 500, writeBatchSize: 10 };

/** Everything the sync of one rule in one mailbox needs, built once per run. */
export interface RuleSyncContext {
  readonly account: SyncAccount;
  readonly rule: SyncRule;
  readonly mergeRule: MergeRule;
  readonly folders: ResolvedFolders;
  /** Every folder of the rule's kind in the mailbox: where a moved item may have gone. */
  readonly classFolderIds: readonly string[];
  readonly gateway: ExchangeGateway;
  readonly crm: CrmSyncPort;
  readonly state: SyncStateStore;
  readonly recorder: RunRecorder;
  readonly now: () => Date;
  readonly options: EngineOptions;
  /** C5: counts this run's deletes per side and holds them back past the rule's limit. */
  readonly deleteGuard: DeleteGuard;
}

/** One decided merge, with what is known about both sides' identities. */
export interface PlannedMerge {
  readonly decision: MergeDecision;
  readonly crmId: string;
  readonly pair: SyncPair | null;
  /** The Exchange item as last seen (null: none yet); `crmId` is its stamp when the item was read. */
  readonly item: { readonly id: string; readonly changeKey: string; readonly folderId: string; readonly crmId?: string | null } | null;
}

export function crmWriteContext(ctx: RuleSyncContext): CrmWriteContext {
  return {
    origin: syncOrigin(ctx.account.id),
    userId: ctx.account.userId,
    templateCompanyId: ctx.rule.options.templateCompanyId,
    companySalutation: ctx.rule.options.companySalutation,
  };
}

export function crmReadOptions(ctx: RuleSyncContext): CrmReadOptions {
  return { companySalutation: ctx.rule.options.companySalutation };
}

/** The journal origin of the engine's own writes for one mailbox (echo suppression, C4). */
export function syncOrigin(accountId: string): string {
  return `sync:${accountId}`;
}

/** Changes older than this are history and not pushed (B7), unless the rule opts into an import window. */
export function historyCutoff(rule: SyncRule): string {
  return rule.options.initialImportSince ?? rule.createdAt;
}

export function toMergeRule(rule: SyncRule): MergeRule {
  return {
    master: rule.master,
    crmToExchange: rule.crmToExchange,
    exchangeToCrm: rule.exchangeToCrm,
    oneWayInfoTexts: rule.options.oneWayInfoTexts,
    keepExchangeText: rule.options.keepExchangeText,
    bodyFormat: rule.options.bodyFormat,
  };
}

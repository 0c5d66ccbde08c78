import type { DirectionOperations, SyncMaster } from '../../../shared/admin/sync-rule.schema';
import type { NeutralItem } from '../exchange/exchange-items';

export type SyncSide = 'crm' | 'exchange';

/** What one side reports about a record since the last sync. */
export type SideChange =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'upsert'; readonly values: NeutralItem }
  | { readonly kind: 'deleted' }
  /** It still exists but no longer belongs to the rule (filter, folder): never a delete (C5). */
  | { readonly kind: 'out-of-scope' };

/** The values each side held right after the last sync of this pair, in neutral form. */
export interface PairSnapshot {
  readonly crm: NeutralItem;
  readonly exchange: NeutralItem;
}

/** The parts of a sync rule that decide a merge. */
export interface MergeRule {
  readonly master: SyncMaster;
  readonly crmToExchange: DirectionOperations;
  readonly exchangeToCrm: DirectionOperations;
  readonly oneWayInfoTexts: boolean;
  readonly keepExchangeText: boolean;
  /** B7: the body type written to Exchange; the CRM side always holds plain text. */
  readonly bodyFormat: 'html' | 'text';
}

export type SideWrite =
  | { readonly op: 'none' }
  | { readonly op: 'create'; readonly values: NeutralItem }
  /** `values` is the side's complete new state; only `fields` need writing. */
  | { readonly op: 'update'; readonly values: NeutralItem; readonly fields: readonly string[] }
  | { readonly op: 'delete' };

export type MergeLogEntry =
  /** Both sides changed the same fields: the master's values won, the loser's are kept here (C4). */
  | { readonly type: 'conflict'; readonly winner: SyncSide; readonly fields: readonly string[]; readonly loserValues: Readonly<Record<string, unknown>> }
  | { readonly type: 'skipped'; readonly target: SyncSide; readonly operation: 'create' | 'change' | 'delete'; readonly reason: string }
  | { readonly type: 'unpaired'; readonly reason: string };

export interface MergeDecision {
  readonly crm: SideWrite;
  readonly exchange: SideWrite;
  /** `keep`: store `snapshot` for the pair (new or existing); `drop`: forget the pair. */
  readonly pair: 'keep' | 'drop' | 'none';
  readonly snapshot: PairSnapshot | null;
  readonly log: readonly MergeLogEntry[];
}

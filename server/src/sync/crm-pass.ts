import type { CrmJournalEntry } from './crm-sync.port';
import { applyMerges, stampOnlyMerge } from './apply-merges';
import { belongsToUser, passesCrmFilter } from './crm-filter.policy';
import { itemTypeOf } from './folder-resolver';
import { decideMerge } from './merge.policy';
import type { SideChange } from './merge.types';
import { crmReadOptions, historyCutoff, syncOrigin, type PlannedMerge, type RuleSyncContext } from './rule-sync.context';
import { resolveStaleMerges } from './stale-merges';
import { isInterruptedImport, type SyncPair } from './sync-state.port';
import { sameValue } from './neutral-diff';

/** A pair whose Exchange create was interrupted: look for the stamped item before creating again (C11). */
async function healInterruptedCreates(ctx: RuleSyncContext, pairs: Map<string, SyncPair>): Promise<void> {
  const unfinished = [...pairs.values()].filter((pair) => pair.itemId === null);
  if (unfinished.length === 0) return;
  const found = await ctx.gateway.findByCrmIds(ctx.account.mailbox, ctx.folders.folderIds, unfinished.map((pair) => pair.crmId));
  const byCrmId = new Map(found.map((item) => [item.crmId, item]));
  for (const pair of unfinished) {
    const item = byCrmId.get(pair.crmId);
    if (!item) {
      await ctx.state.deletePair(ctx.account.id, ctx.rule.dataType, pair.crmId);
      pairs.delete(pair.crmId);
      continue;
    }
    const healed = { ...pair, itemId: item.id, changeKey: item.changeKey, folderId: item.folderId };
    await ctx.state.savePair(healed);
    pairs.set(pair.crmId, healed);
  }
}

/** Records without a pair may still have a stamped item in Exchange (lost pair table): re-find before creating (C3). */
async function refindStamped(ctx: RuleSyncContext, crmIds: readonly string[]): Promise<Map<string, PlannedMerge['item']>> {
  if (crmIds.length === 0 || ctx.folders.folderIds.length === 0) return new Map();
  const found = await ctx.gateway.findByCrmIds(ctx.account.mailbox, ctx.folders.folderIds, crmIds);
  return new Map(found.map((item) => [item.crmId, { id: item.id, changeKey: item.changeKey, folderId: item.folderId }]));
}

async function planRecords(ctx: RuleSyncContext, crmIds: readonly string[], retried: ReadonlySet<string> = new Set()): Promise<PlannedMerge[]> {
  const records = await ctx.crm.getRecords(ctx.rule.dataType, crmIds, crmReadOptions(ctx));
  const pairs = new Map<string, SyncPair>();
  for (const crmId of crmIds) {
    const pair = await ctx.state.findPairByCrmId(ctx.account.id, ctx.rule.dataType, crmId);
    if (pair) pairs.set(crmId, pair);
  }
  await healInterruptedCreates(ctx, pairs);
  const inScope = (crmId: string): boolean => {
    const record = records.get(crmId);
    return record !== undefined && belongsToUser(record, ctx.account.userId) && passesCrmFilter(record, ctx.rule.crmFilter);
  };
  const refound = await refindStamped(ctx, crmIds.filter((crmId) => !pairs.has(crmId) && inScope(crmId)));
  const refetch = [...refound.values()].flatMap((item) => (item ? [item.id] : []));
  const fetched = refetch.length > 0 ? await ctx.gateway.getItems(ctx.account.mailbox, itemTypeOf[ctx.rule.dataType], refetch) : [];
  const refoundValues = new Map(fetched.flatMap((outcome) => (outcome.ok && outcome.value.crmId ? [[outcome.value.crmId, outcome.value] as const] : [])));

  const merges: PlannedMerge[] = [];
  for (const crmId of crmIds) {
    const record = records.get(crmId);
    const pair = pairs.get(crmId) ?? null;
    const values = record && pair?.crmSnapshot ? ctx.crm.reconcile(record.values, pair.crmSnapshot) : record?.values;
    const crm: SideChange = !record || !values ? { kind: 'deleted' } : !inScope(crmId) ? { kind: 'out-of-scope' } : { kind: 'upsert', values };
    // Its item is known; the folder pass settles the import (re-reported or confirmed gone).
    if (pair && isInterruptedImport(pair)) continue;
    if (pair?.crmSnapshot && pair.exchangeSnapshot && pair.itemId) {
      if (crm.kind === 'upsert' && sameValue(crm.values, pair.crmSnapshot)) {
        if (retried.has(crmId)) merges.push(stampOnlyMerge({ ...pair, itemId: pair.itemId }, { crm: pair.crmSnapshot, exchange: pair.exchangeSnapshot }));
        continue;
      }
      const item = { id: pair.itemId, changeKey: pair.changeKey ?? '', folderId: pair.folderId };
      merges.push({ decision: decideMerge(ctx.mergeRule, { crm: pair.crmSnapshot, exchange: pair.exchangeSnapshot }, crm, { kind: 'unchanged' }), crmId, pair, item });
      continue;
    }
    const stamped = refoundValues.get(crmId);
    const exchange: SideChange = stamped ? { kind: 'upsert', values: stamped.data } : { kind: 'unchanged' };
    const item = stamped ? { id: stamped.id, changeKey: stamped.changeKey, folderId: stamped.folderId } : null;
    if (crm.kind !== 'upsert') continue;
    merges.push({ decision: decideMerge(ctx.mergeRule, null, crm, exchange), crmId, pair: null, item });
  }
  return merges;
}

function relevantIds(ctx: RuleSyncContext, entries: readonly CrmJournalEntry[]): string[] {
  const own = syncOrigin(ctx.account.id);
  const cutoff = historyCutoff(ctx.rule);
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.origin === own || entry.at < cutoff) continue;
    ids.add(entry.recordId);
  }
  return [...ids];
}

async function syncRecords(ctx: RuleSyncContext, crmIds: readonly string[], retried?: ReadonlySet<string>): Promise<void> {
  if (crmIds.length === 0) return;
  const result = await applyMerges(ctx, await planRecords(ctx, crmIds, retried));
  await resolveStaleMerges(ctx, result);
  await ctx.recorder.flush();
}

/**
 * CRM → Exchange for one rule in one mailbox: first the records left over from failed
 * writes, then the journal since this mailbox's cursor, page by page; the cursor moves
 * only after a page's writes are done.
 */
export async function syncCrmChanges(ctx: RuleSyncContext): Promise<void> {
  const pending = await ctx.state.listPending(ctx.account.id, ctx.rule.id);
  await syncRecords(ctx, pending, new Set(pending));
  // A create that died between recording its pair and the item: finish it even when no
  // journal entry or retry points at the record any more.
  const unfinished = (await ctx.state.listUnfinishedPairs(ctx.account.id, ctx.rule.dataType)).filter((crmId) => !pending.includes(crmId));
  await syncRecords(ctx, unfinished);
  // Dequeued only once handled: a run that fails half-way keeps the whole queue.
  for (const crmId of pending) if (!ctx.recorder.failedCrmIds.has(crmId)) await ctx.state.removePending(ctx.account.id, ctx.rule.id, crmId);
  let cursor = (await ctx.state.getJournalCursor(ctx.account.id, ctx.rule.id)) ?? 0;
  for (;;) {
    const page = await ctx.crm.readChanges(ctx.rule.dataType, cursor, ctx.options.journalPageSize);
    if (page.lastSeq === null) return;
    await syncRecords(ctx, relevantIds(ctx, page.entries));
    // Past every position read, even one that named no record of this type: else a page of
    // those would be read again on every run and the cursor would never move.
    cursor = page.lastSeq;
    await ctx.state.saveJournalCursor(ctx.account.id, ctx.rule.id, cursor);
    if (!page.more) return;
  }
}

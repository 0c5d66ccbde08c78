import { createHash } from 'node:crypto';
import type { ExchangeChange, ExchangeItem } from '../exchange/exchange-gateway';
import { itemTypeOf } from './folder-resolver';
import { applyMerges, stampOnlyMerge } from './apply-merges';
import { decideMerge } from './merge.policy';
import { belongsToUser, passesCrmFilter } from './crm-filter.policy';
import type { SideChange } from './merge.types';
import type { CrmSyncRecord } from './crm-sync.port';
import { crmReadOptions, historyCutoff, type PlannedMerge, type RuleSyncContext } from './rule-sync.context';
import { sameValue } from './neutral-diff';
import { isInterruptedImport, type SyncPair } from './sync-state.port';
import { resolveStaleMerges } from './stale-merges';

/**
 * The CRM id of a record imported from an Exchange item, derived from the item so that
 * a replay after a crash writes the same record again instead of a second one.
 */
export function importedCrmId(accountId: string, itemId: string): string {
  const hex = createHash('sha256').update(`${accountId}\u0000${itemId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The CRM side of a pair, as it is now compared with the last sync. */
export async function currentCrmSide(ctx: RuleSyncContext, crmId: string, snapshot: SyncPair['crmSnapshot']): Promise<SideChange> {
  const records = await ctx.crm.getRecords(ctx.rule.dataType, [crmId], crmReadOptions(ctx));
  return crmSideOf(ctx, records.get(crmId), snapshot);
}

/** The CRM side of a pair from a record already read (undefined: the record is gone). */
function crmSideOf(ctx: RuleSyncContext, record: CrmSyncRecord | undefined, snapshot: SyncPair['crmSnapshot']): SideChange {
  if (!record) return { kind: 'deleted' };
  if (!belongsToUser(record, ctx.account.userId) || !passesCrmFilter(record, ctx.rule.crmFilter)) return { kind: 'out-of-scope' };
  const values = snapshot ? ctx.crm.reconcile(record.values, snapshot) : record.values;
  if (snapshot && sameValue(snapshot, values)) return { kind: 'unchanged' };
  return { kind: 'upsert', values };
}

async function findPairForItem(ctx: RuleSyncContext, item: ExchangeItem): Promise<{ pair: SyncPair | null; crmId: string | null }> {
  const byItem = await ctx.state.findPairByItemId(ctx.account.id, item.id);
  if (byItem) return { pair: byItem, crmId: byItem.crmId };
  const stamped = item.crmId ?? (item.data.type === 'appointment' && item.data.iCalUId ? await ctx.crm.findAppointmentByICalUid(item.data.iCalUId) : null);
  const candidates = [stamped, importedCrmId(ctx.account.id, item.id)].filter((id): id is string => id !== null);
  for (const crmId of candidates) {
    const pair = await ctx.state.findPairByCrmId(ctx.account.id, ctx.rule.dataType, crmId);
    if (pair) return { pair, crmId };
    const existing = await ctx.crm.getRecords(ctx.rule.dataType, [crmId], crmReadOptions(ctx));
    if (existing.has(crmId)) return { pair: null, crmId };
  }
  return { pair: null, crmId: null };
}

async function planUpsert(ctx: RuleSyncContext, item: ExchangeItem): Promise<PlannedMerge | null> {
  const found = await findPairForItem(ctx, item);
  const { pair } = found;
  // The engine's own write coming back (C4): same version as recorded. Without its
  // stamp (the process died before stamping) it only needs the stamp.
  if (pair?.itemId === item.id && pair.changeKey === item.changeKey) {
    if (item.crmId === pair.crmId || !pair.crmSnapshot || !pair.exchangeSnapshot) return null;
    return stampOnlyMerge({ ...pair, itemId: item.id }, { crm: pair.crmSnapshot, exchange: pair.exchangeSnapshot });
  }
  if (!pair && !found.crmId && item.lastModified < historyCutoff(ctx.rule)) return null;
  const itemRef = { id: item.id, changeKey: item.changeKey, folderId: item.folderId, crmId: item.crmId };
  const exchange: SideChange = { kind: 'upsert', values: item.data };
  if (pair) {
    const crm = await currentCrmSide(ctx, pair.crmId, pair.crmSnapshot);
    const snapshot = pair.crmSnapshot && pair.exchangeSnapshot ? { crm: pair.crmSnapshot, exchange: pair.exchangeSnapshot } : null;
    return { decision: decideMerge(ctx.mergeRule, snapshot, crm, exchange), crmId: pair.crmId, pair, item: itemRef };
  }
  if (found.crmId) {
    // Re-found through the stamp, the meeting's iCalUId or an earlier interrupted import.
    const crm = await currentCrmSide(ctx, found.crmId, null);
    const side: SideChange = crm.kind === 'deleted' ? { kind: 'unchanged' } : crm;
    const crmId = crm.kind === 'deleted' ? importedCrmId(ctx.account.id, item.id) : found.crmId;
    return { decision: decideMerge(ctx.mergeRule, null, side, exchange), crmId, pair: null, item: itemRef };
  }
  return { decision: decideMerge(ctx.mergeRule, null, { kind: 'unchanged' }, exchange), crmId: importedCrmId(ctx.account.id, item.id), pair: null, item: itemRef };
}

/** An item left a synced folder: deleted, moved to another synced folder, or moved out of scope (C5). */
async function planRemove(ctx: RuleSyncContext, itemId: string): Promise<PlannedMerge | null> {
  const pair = await ctx.state.findPairByItemId(ctx.account.id, itemId);
  if (pair && isInterruptedImport(pair)) return planRemoveAfterInterruptedImport(ctx, pair);
  if (!pair || !pair.crmSnapshot || !pair.exchangeSnapshot) return null;
  const [moved] = await ctx.gateway.findByCrmIds(ctx.account.mailbox, ctx.classFolderIds, [pair.crmId]);
  if (moved && ctx.folders.folderIds.includes(moved.folderId)) {
    await ctx.state.savePair({ ...pair, itemId: moved.id, changeKey: moved.changeKey, folderId: moved.folderId });
    return null;
  }
  const exchange: SideChange = moved ? { kind: 'out-of-scope' } : { kind: 'deleted' };
  const crm = await currentCrmSide(ctx, pair.crmId, pair.crmSnapshot);
  const item = { id: itemId, changeKey: pair.changeKey ?? '', folderId: pair.folderId };
  return { decision: decideMerge(ctx.mergeRule, { crm: pair.crmSnapshot, exchange: pair.exchangeSnapshot }, crm, exchange), crmId: pair.crmId, pair, item };
}

/**
 * The item of an import the process did not finish is gone. If the CRM create had
 * committed, the record still holds the item's values as imported, so it stands for both
 * snapshots and the rule decides the delete as for any synced pair; otherwise nothing
 * reached the CRM and only the pair goes.
 */
async function planRemoveAfterInterruptedImport(ctx: RuleSyncContext, pair: SyncPair & { itemId: string }): Promise<PlannedMerge | null> {
  const records = await ctx.crm.getRecords(ctx.rule.dataType, [pair.crmId], crmReadOptions(ctx));
  const record = records.get(pair.crmId);
  if (!record) {
    await ctx.state.deletePair(ctx.account.id, ctx.rule.dataType, pair.crmId);
    return null;
  }
  const snapshot = { crm: record.values, exchange: record.values };
  const crm = crmSideOf(ctx, record, record.values);
  const item = { id: pair.itemId, changeKey: '', folderId: pair.folderId };
  return { decision: decideMerge(ctx.mergeRule, snapshot, crm, { kind: 'deleted' }), crmId: pair.crmId, pair: { ...pair, crmSnapshot: snapshot.crm, exchangeSnapshot: snapshot.exchange }, item };
}

async function planChange(ctx: RuleSyncContext, change: ExchangeChange): Promise<PlannedMerge | null> {
  return change.type === 'upsert' ? planUpsert(ctx, change.item) : planRemove(ctx, change.itemId);
}

/**
 * Exchange → CRM for one folder: page through its changes since the stored cursor,
 * merge each with the CRM side, and store the new cursor only after the page's writes.
 */
export async function syncFolderChanges(ctx: RuleSyncContext, folderId: string): Promise<void> {
  const startedAt = ctx.now().toISOString();
  let state = (await ctx.state.getFolderState(ctx.account.id, folderId)) ?? { accountId: ctx.account.id, folderId, ruleId: ctx.rule.id, cursor: null, initialDone: false, syncedAt: null };
  const previousSync = state.syncedAt;
  const reported = new Set<string>();
  for (;;) {
    const batch = await ctx.gateway.syncFolder(ctx.account.mailbox, folderId, itemTypeOf[ctx.rule.dataType], state.cursor, ctx.options.pageSize);
    const merges: PlannedMerge[] = [];
    for (const change of batch.changes) {
      reported.add(change.type === 'upsert' ? change.item.id : change.itemId);
      const merge = await planChange(ctx, change);
      if (merge) merges.push(merge);
    }
    const result = await applyMerges(ctx, merges);
    await resolveStaleMerges(ctx, result);
    await ctx.recorder.flush();
    // Before a first completed pass every pair of the folder is unconfirmed.
    if (!batch.more) await confirmWrittenItems(ctx, folderId, previousSync ?? new Date(0).toISOString(), reported);
    state = { ...state, ruleId: ctx.rule.id, cursor: batch.cursor, initialDone: state.initialDone || !batch.more, syncedAt: batch.more ? state.syncedAt : startedAt };
    await ctx.state.saveFolderState(state);
    if (!batch.more) return;
  }
}

/**
 * Items the engine wrote since the last completed sync come back as changes; one that did
 * not was created and removed in between (or written by a run that died before saving
 * its cursor), which SyncFolderItems never reports. Look those up and treat the ones that
 * left the synced folders as removed.
 */
async function confirmWrittenItems(ctx: RuleSyncContext, folderId: string, since: string, reported: ReadonlySet<string>): Promise<void> {
  const unconfirmed = (await ctx.state.listPairsSyncedSince(ctx.account.id, folderId, since)).flatMap((pair) => (pair.itemId && !reported.has(pair.itemId) ? [pair.itemId] : []));
  if (unconfirmed.length === 0) return;
  const outcomes = await ctx.gateway.getItems(ctx.account.mailbox, itemTypeOf[ctx.rule.dataType], unconfirmed);
  const merges: PlannedMerge[] = [];
  for (const [i, itemId] of unconfirmed.entries()) {
    const outcome = outcomes[i];
    // Gone, or still reachable by its id but no longer in a synced folder (Deleted Items).
    const left = outcome && (outcome.ok ? !ctx.folders.folderIds.includes(outcome.value.folderId) : outcome.error.kind === 'not-found');
    if (left) {
      const merge = await planRemove(ctx, itemId);
      if (merge) merges.push(merge);
    }
  }
  const result = await applyMerges(ctx, merges);
  await resolveStaleMerges(ctx, result);
  await ctx.recorder.flush();
}

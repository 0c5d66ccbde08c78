import type { ItemUpdate, ItemVersion, NewItem, Outcome } from '../exchange/exchange-gateway';
import { crmWriteContext, type PlannedMerge, type RuleSyncContext } from './rule-sync.context';
import type { SyncPair } from './sync-state.port';
import type { MergeDecision } from './merge.types';
import type { NeutralItem } from '../exchange/exchange-items';
import type { SyncSide } from './merge.types';

/** A pair whose values agree but whose item lacks the CRM id stamp: write the stamp only. */
export function stampOnlyMerge(pair: SyncPair & { itemId: string }, snapshot: { crm: NeutralItem; exchange: NeutralItem }, changeKey = pair.changeKey ?? ''): PlannedMerge {
  const decision: MergeDecision = { crm: { op: 'none' }, exchange: { op: 'update', values: snapshot.exchange, fields: [] }, pair: 'keep', snapshot, log: [] };
  return { decision, crmId: pair.crmId, pair, item: { id: pair.itemId, changeKey, folderId: pair.folderId } };
}

/** Merges whose Exchange write met a changed (conflict) or vanished (not-found) item: decide again with fresh data. */
export interface ApplyResult {
  readonly stale: PlannedMerge[];
  readonly vanished: PlannedMerge[];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function pairOf(ctx: RuleSyncContext, merge: PlannedMerge, item: { id: string; changeKey: string; folderId: string } | null): SyncPair {
  const snapshot = merge.decision.snapshot;
  return {
    accountId: ctx.account.id,
    dataType: ctx.rule.dataType,
    crmId: merge.crmId,
    itemId: item?.id ?? null,
    changeKey: item?.changeKey ?? null,
    folderId: item?.folderId ?? ctx.folders.newItemsFolderId ?? '',
    ruleId: ctx.rule.id,
    crmSnapshot: snapshot?.crm ?? null,
    exchangeSnapshot: snapshot?.exchange ?? null,
    syncedAt: ctx.now().toISOString(),
  };
}

async function applyCrmWrites(ctx: RuleSyncContext, merges: readonly PlannedMerge[]): Promise<void> {
  const context = crmWriteContext(ctx);
  const dataType = ctx.rule.dataType;
  for (const merge of merges) {
    const write = merge.decision.crm;
    const ids = { crmId: merge.crmId, itemId: merge.item?.id ?? null };
    if (write.op === 'create') {
      // Imported from an item: a pair without snapshots first, so that a crash right after
      // the CRM commit still knows the item (see isInterruptedImport).
      if (merge.item) await ctx.state.savePair({ ...pairOf(ctx, merge, merge.item), changeKey: null, crmSnapshot: null, exchangeSnapshot: null });
      await ctx.crm.createRecord(dataType, merge.crmId, write.values, context);
      // Imported from an item: pair it now, before stamping, so a failed or lost stamp
      // never leaves a CRM record that looks new and gets pushed back as a second item.
      if (merge.item && merge.decision.snapshot) await ctx.state.savePair(pairOf(ctx, merge, merge.item));
    }
    if (write.op === 'update') await ctx.crm.updateRecord(dataType, merge.crmId, write.values, write.fields, context);
    if (write.op === 'delete') await ctx.crm.deleteRecord(dataType, merge.crmId, context);
    if (write.op !== 'none') ctx.recorder.record('crm', write.op === 'update' ? 'change' : write.op, dataType, ids, write.op === 'update' ? { fields: write.fields } : {});
    ctx.recorder.recordMerge(merge.decision.log, dataType, ids);
  }
}

async function failItem(ctx: RuleSyncContext, merge: PlannedMerge, operation: string, outcome: Outcome<unknown>): Promise<void> {
  const code = outcome.ok ? 'unknown' : (outcome.error.code ?? outcome.error.kind);
  ctx.recorder.record('exchange', 'failed', ctx.rule.dataType, { crmId: merge.crmId, itemId: merge.item?.id ?? null }, { operation, code });
  ctx.recorder.failedCrmIds.add(merge.crmId);
  await ctx.state.addPending(ctx.account.id, ctx.rule.id, merge.crmId);
}

async function applyCreates(ctx: RuleSyncContext, merges: readonly PlannedMerge[]): Promise<Set<PlannedMerge>> {
  const done = new Set<PlannedMerge>();
  const folderId = ctx.folders.newItemsFolderId;
  if (merges.length === 0) return done;
  if (!folderId) {
    for (const merge of merges) await failItem(ctx, merge, 'create: the rule selects no folder in this mailbox', { ok: true, value: null });
    return done;
  }
  // The pair is recorded before the create, so a crash in between is healed by finding the stamped id.
  for (const merge of merges) await ctx.state.savePair(pairOf(ctx, merge, null));
  for (const part of chunk(merges, ctx.options.writeBatchSize)) {
    const items: NewItem[] = part.map((merge) => ({ crmId: merge.crmId, data: (merge.decision.exchange as { values: NewItem['data'] }).values }));
    const outcomes = await ctx.gateway.createItems(ctx.account.mailbox, folderId, items);
    for (const [i, merge] of part.entries()) {
      const outcome = outcomes[i];
      if (!outcome?.ok) {
        await failItem(ctx, merge, 'create', outcome ?? { ok: true, value: null });
        continue;
      }
      await ctx.state.savePair(pairOf(ctx, merge, { ...outcome.value, folderId }));
      await ctx.state.removePending(ctx.account.id, ctx.rule.id, merge.crmId);
      ctx.recorder.record('exchange', 'create', ctx.rule.dataType, { crmId: merge.crmId, itemId: outcome.value.id });
      done.add(merge);
    }
  }
  return done;
}

function updateOf(merge: PlannedMerge): ItemUpdate | null {
  const write = merge.decision.exchange;
  if (!merge.item) return null;
  if (write.op === 'update') return { id: merge.item.id, changeKey: merge.item.changeKey, data: write.values, fields: write.fields, crmId: merge.crmId };
  // A record just imported from Exchange, or an item read without its stamp, gets its CRM
  // id stamped (C3) — a write of no field.
  const unstamped = merge.item.crmId !== undefined && merge.item.crmId !== merge.crmId;
  if ((merge.decision.crm.op === 'create' || (unstamped && merge.decision.pair === 'keep' && write.op === 'none')) && merge.decision.snapshot) {
    return { id: merge.item.id, changeKey: merge.item.changeKey, data: merge.decision.snapshot.exchange, fields: [], crmId: merge.crmId };
  }
  return null;
}

async function applyUpdates(ctx: RuleSyncContext, merges: readonly PlannedMerge[], result: ApplyResult): Promise<Set<PlannedMerge>> {
  const done = new Set<PlannedMerge>();
  const planned = merges.flatMap((merge) => {
    const update = updateOf(merge);
    return update ? [{ merge, update }] : [];
  });
  for (const part of chunk(planned, ctx.options.writeBatchSize)) {
    const outcomes = await ctx.gateway.updateItems(ctx.account.mailbox, part.map((entry) => entry.update));
    for (const [i, { merge, update }] of part.entries()) {
      const outcome: Outcome<ItemVersion> | undefined = outcomes[i];
      if (outcome?.ok) {
        await ctx.state.savePair(pairOf(ctx, merge, { ...outcome.value, folderId: merge.item?.folderId ?? '' }));
        await ctx.state.removePending(ctx.account.id, ctx.rule.id, merge.crmId);
        if (update.fields.length > 0) ctx.recorder.record('exchange', 'change', ctx.rule.dataType, { crmId: merge.crmId, itemId: update.id }, { fields: update.fields });
        done.add(merge);
      } else if (outcome?.error.kind === 'conflict') {
        result.stale.push(merge);
      } else if (outcome?.error.kind === 'not-found') {
        result.vanished.push(merge);
      } else if (update.fields.length === 0) {
        // Only the stamp failed: the pair already exists, the next run stamps again.
        await failItem(ctx, merge, 'stamp', outcome ?? { ok: true, value: null });
      } else {
        await failItem(ctx, merge, 'update', outcome ?? { ok: true, value: null });
      }
    }
  }
  return done;
}

async function applyDeletes(ctx: RuleSyncContext, merges: readonly PlannedMerge[]): Promise<Set<PlannedMerge>> {
  const done = new Set<PlannedMerge>();
  for (const part of chunk(merges.filter((merge) => merge.item), ctx.options.writeBatchSize)) {
    const outcomes = await ctx.gateway.deleteItems(ctx.account.mailbox, part.map((merge) => merge.item?.id ?? ''));
    for (const [i, merge] of part.entries()) {
      const outcome = outcomes[i];
      if (!outcome?.ok) {
        await failItem(ctx, merge, 'delete', outcome ?? { ok: true, value: null });
        continue;
      }
      ctx.recorder.record('exchange', 'delete', ctx.rule.dataType, { crmId: merge.crmId, itemId: merge.item?.id ?? null });
      done.add(merge);
    }
  }
  return done;
}

/**
 * Deletes the delete protection held back (C5) keep their pair and come up again on the
 * next run: a CRM deletion stays queued, an Exchange removal is re-checked by the
 * folder's confirmation of recently synced items. Nothing else of the merge is written.
 */
async function holdBackDeletes(ctx: RuleSyncContext, held: readonly { merge: PlannedMerge; side: SyncSide }[]): Promise<void> {
  for (const { merge, side } of held) {
    const ids = { crmId: merge.crmId, itemId: merge.item?.id ?? null };
    ctx.recorder.record(side, 'skipped', ctx.rule.dataType, ids, { operation: 'delete', reason: 'delete protection', limit: ctx.deleteGuard.limit });
    if (side === 'exchange') {
      ctx.recorder.failedCrmIds.add(merge.crmId);
      await ctx.state.addPending(ctx.account.id, ctx.rule.id, merge.crmId);
    } else if (merge.pair) {
      await ctx.state.savePair({ ...merge.pair, syncedAt: ctx.now().toISOString() });
    }
  }
}

/**
 * Carries out decided merges: CRM writes, then Exchange creates, updates and deletes in
 * batches, then the pairs. A pair is saved only after the writes it describes succeeded,
 * so a failure or crash leaves the old pair and the work is redone, never duplicated.
 */
export async function applyMerges(ctx: RuleSyncContext, planned: readonly PlannedMerge[]): Promise<ApplyResult> {
  const result: ApplyResult = { stale: [], vanished: [] };
  const { apply: merges, held } = ctx.deleteGuard.screen(planned);
  await holdBackDeletes(ctx, held);
  await applyCrmWrites(ctx, merges);
  const created = await applyCreates(ctx, merges.filter((merge) => merge.decision.exchange.op === 'create'));
  const updated = await applyUpdates(ctx, merges, result);
  const deleted = await applyDeletes(ctx, merges.filter((merge) => merge.decision.exchange.op === 'delete'));
  const pending = new Set([...result.stale, ...result.vanished]);
  for (const merge of merges) {
    if (created.has(merge) || updated.has(merge) || pending.has(merge)) continue;
    const exchangeOp = merge.decision.exchange.op;
    if (exchangeOp === 'create' || exchangeOp === 'update') continue;
    if (exchangeOp === 'delete' && !deleted.has(merge)) continue;
    if (merge.decision.pair === 'drop') await ctx.state.deletePair(ctx.account.id, ctx.rule.dataType, merge.crmId);
    if (merge.decision.pair === 'keep' && merge.decision.crm.op !== 'create') await ctx.state.savePair(pairOf(ctx, merge, merge.item));
  }
  return result;
}

import { itemTypeOf } from './folder-resolver';
import { applyMerges, type ApplyResult } from './apply-merges';
import { decideMerge } from './merge.policy';
import type { SideChange } from './merge.types';
import type { PlannedMerge, RuleSyncContext } from './rule-sync.context';
import { currentCrmSide } from './exchange-pass';

async function redecide(ctx: RuleSyncContext, merge: PlannedMerge, exchange: SideChange, item: PlannedMerge['item']): Promise<PlannedMerge> {
  const pair = merge.pair;
  const snapshot = pair?.crmSnapshot && pair.exchangeSnapshot ? { crm: pair.crmSnapshot, exchange: pair.exchangeSnapshot } : null;
  const crm = await currentCrmSide(ctx, merge.crmId, pair?.crmSnapshot ?? null);
  return { ...merge, decision: decideMerge(ctx.mergeRule, snapshot, crm, exchange), item };
}

async function giveUp(ctx: RuleSyncContext, merges: readonly PlannedMerge[], reason: string): Promise<void> {
  for (const merge of merges) {
    ctx.recorder.record('exchange', 'failed', ctx.rule.dataType, { crmId: merge.crmId, itemId: merge.item?.id ?? null }, { operation: 'update', code: reason });
    ctx.recorder.failedCrmIds.add(merge.crmId);
    await ctx.state.addPending(ctx.account.id, ctx.rule.id, merge.crmId);
  }
}

/**
 * An Exchange write found the item changed since we read it (stale ChangeKey) or gone:
 * read it again and decide once more with both sides' current values, so an Outlook edit
 * made during the run is merged by the rule's master instead of overwritten. A second
 * miss is left for the next run.
 */
export async function resolveStaleMerges(ctx: RuleSyncContext, result: ApplyResult): Promise<void> {
  if (result.stale.length === 0 && result.vanished.length === 0) return;
  const again: PlannedMerge[] = [];
  const ids = result.stale.flatMap((merge) => (merge.item ? [merge.item.id] : []));
  const outcomes = ids.length > 0 ? await ctx.gateway.getItems(ctx.account.mailbox, itemTypeOf[ctx.rule.dataType], ids) : [];
  for (const [i, merge] of result.stale.entries()) {
    const outcome = outcomes[i];
    if (outcome?.ok) {
      const item = { id: outcome.value.id, changeKey: outcome.value.changeKey, folderId: outcome.value.folderId };
      again.push(await redecide(ctx, merge, { kind: 'upsert', values: outcome.value.data }, item));
    } else if (outcome?.error.kind === 'not-found') {
      result.vanished.push(merge);
    } else {
      await giveUp(ctx, [merge], outcome?.error.code ?? outcome?.error.kind ?? 'conflict');
    }
  }
  for (const merge of result.vanished) again.push(await redecide(ctx, merge, { kind: 'deleted' }, merge.item));
  const second = await applyMerges(ctx, again);
  await giveUp(ctx, [...second.stale, ...second.vanished], 'changed again during the run');
}

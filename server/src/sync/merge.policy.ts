import type { ItemBody, NeutralItem } from '../exchange/exchange-items';
import { toCrmBody, toExchangeBody } from './body-text';
import { changedFields, fieldValue, itemFields, sameFieldValue, withFields } from './neutral-diff';
import type { MergeDecision, MergeLogEntry, MergeRule, PairSnapshot, SideChange, SideWrite, SyncSide } from './merge.types';

const none: SideWrite = { op: 'none' };
const other = (side: SyncSide): SyncSide => (side === 'crm' ? 'exchange' : 'crm');

/** The free text of each item type, subject to the B7 text options. */
function textFieldOf(item: NeutralItem): string {
  return item.type === 'contact' ? 'notes' : 'body';
}

function operationsToward(rule: MergeRule, target: SyncSide) {
  return target === 'exchange' ? rule.crmToExchange : rule.exchangeToCrm;
}

/** Fields that may never be written to `target` because of the B7 text options. */
function blockedFields(rule: MergeRule, target: SyncSide, item: NeutralItem): string[] {
  const blocked = target === 'crm' ? rule.oneWayInfoTexts : rule.keepExchangeText;
  return blocked ? [textFieldOf(item)] : [];
}

/**
 * The item as `target` stores it (B7): the CRM keeps its text plain, Exchange gets the
 * body type the rule names. Script and markup never reach the CRM.
 */
function formatFor(rule: MergeRule, target: SyncSide, item: NeutralItem): NeutralItem {
  const field = textFieldOf(item);
  const body = fieldValue(item, field) as ItemBody | null;
  const formatted = target === 'crm' ? toCrmBody(body) : toExchangeBody(body, rule.bodyFormat);
  return formatted === body ? item : ({ ...item, [field]: formatted } as NeutralItem);
}

function pick(item: NeutralItem, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, fieldValue(item, field)]));
}

function decideCreate(rule: MergeRule, source: SyncSide, values: NeutralItem): MergeDecision {
  const target = other(source);
  if (!operationsToward(rule, target).create) {
    return { crm: none, exchange: none, pair: 'none', snapshot: null, log: [{ type: 'skipped', target, operation: 'create', reason: 'the rule does not create in this direction' }] };
  }
  // One-way info texts: an item imported from Exchange arrives in the CRM without its text.
  const created = formatFor(rule, target, target === 'crm' && rule.oneWayInfoTexts ? withFields(values, blankText(values), [textFieldOf(values)]) : values);
  const write: SideWrite = { op: 'create', values: created };
  const snapshot: PairSnapshot = source === 'crm' ? { crm: values, exchange: created } : { crm: created, exchange: values };
  return { crm: target === 'crm' ? write : none, exchange: target === 'exchange' ? write : none, pair: 'keep', snapshot, log: [] };
}

function blankText(item: NeutralItem): NeutralItem {
  return { ...item, [textFieldOf(item)]: null } as NeutralItem;
}

interface FieldPlan {
  readonly fields: string[];
  readonly log: MergeLogEntry[];
}

/**
 * Which fields travel from `source` to `target`: the source's own changes (all fields
 * when the rule overwrites), minus fields the target changed itself unless the source
 * is master, minus fields the B7 text options protect.
 */
function planFields(rule: MergeRule, source: SyncSide, changes: Record<SyncSide, string[]>, now: Record<SyncSide, NeutralItem>): string[] {
  const target = other(source);
  const ops = operationsToward(rule, target);
  if (changes[source].length === 0 || !(ops.change || ops.overwrite)) return [];
  const candidates = ops.overwrite ? itemFields(now[source]) : changes[source];
  const blocked = new Set(blockedFields(rule, target, now[source]));
  return candidates.filter((field) => {
    if (blocked.has(field)) return false;
    if (sameFieldValue(field, fieldValue(now[source], field), fieldValue(now[target], field))) return false;
    return !changes[target].includes(field) || rule.master === source;
  });
}

function planConflicts(rule: MergeRule, changes: Record<SyncSide, string[]>, now: Record<SyncSide, NeutralItem>): FieldPlan {
  const conflicting = changes.crm.filter(
    (field) => changes.exchange.includes(field) && !sameFieldValue(field, fieldValue(now.crm, field), fieldValue(now.exchange, field)),
  );
  if (conflicting.length === 0) return { fields: [], log: [] };
  const loser = other(rule.master);
  return { fields: conflicting, log: [{ type: 'conflict', winner: rule.master, fields: conflicting, loserValues: pick(now[loser], conflicting) }] };
}

function decideUpdate(rule: MergeRule, pair: PairSnapshot, crm: SideChange, exchange: SideChange): MergeDecision {
  const now: Record<SyncSide, NeutralItem> = {
    crm: crm.kind === 'upsert' ? crm.values : pair.crm,
    exchange: exchange.kind === 'upsert' ? exchange.values : pair.exchange,
  };
  const changes: Record<SyncSide, string[]> = {
    crm: crm.kind === 'upsert' ? changedFields(pair.crm, now.crm) : [],
    exchange: exchange.kind === 'upsert' ? changedFields(pair.exchange, now.exchange) : [],
  };
  const conflicts = planConflicts(rule, changes, now);
  const toExchange = planFields(rule, 'crm', changes, now);
  const toCrm = planFields(rule, 'exchange', changes, now);
  const log = [...conflicts.log, ...skippedChanges(rule, changes, toCrm, toExchange)];
  const next: PairSnapshot = {
    crm: toCrm.includes(textFieldOf(now.crm)) ? formatFor(rule, 'crm', withFields(now.crm, now.exchange, toCrm)) : withFields(now.crm, now.exchange, toCrm),
    exchange: toExchange.includes(textFieldOf(now.exchange)) ? formatFor(rule, 'exchange', withFields(now.exchange, now.crm, toExchange)) : withFields(now.exchange, now.crm, toExchange),
  };
  return {
    crm: toCrm.length > 0 ? { op: 'update', values: next.crm, fields: toCrm } : none,
    exchange: toExchange.length > 0 ? { op: 'update', values: next.exchange, fields: toExchange } : none,
    pair: 'keep',
    snapshot: next,
    log,
  };
}

function skippedChanges(rule: MergeRule, changes: Record<SyncSide, string[]>, toCrm: string[], toExchange: string[]): MergeLogEntry[] {
  const log: MergeLogEntry[] = [];
  for (const [source, written] of [['crm', toExchange], ['exchange', toCrm]] as const) {
    const ops = operationsToward(rule, other(source));
    if (changes[source].length > 0 && written.length === 0 && !(ops.change || ops.overwrite)) {
      log.push({ type: 'skipped', target: other(source), operation: 'change', reason: 'the rule does not change records in this direction' });
    }
  }
  return log;
}

function decideDelete(rule: MergeRule, pair: PairSnapshot, deleted: SyncSide, survivor: SideChange): MergeDecision {
  const target = other(deleted);
  const edited = survivor.kind === 'upsert' && changedFields(pair[target], survivor.values).length > 0 ? survivor.values : null;
  if (edited && rule.master === target) {
    // The surviving side is master and was edited: its record wins and returns to the deleting side.
    const recreated = decideCreate(rule, target, edited);
    const conflict: MergeLogEntry = { type: 'conflict', winner: target, fields: ['(deleted)'], loserValues: {} };
    return { ...recreated, pair: recreated.pair === 'keep' ? 'keep' : 'drop', log: [conflict, ...recreated.log] };
  }
  const log: MergeLogEntry[] = edited
    ? [{ type: 'conflict', winner: deleted, fields: itemFields(edited), loserValues: pick(edited, itemFields(edited)) }]
    : [];
  if (!operationsToward(rule, target).delete) {
    log.push({ type: 'skipped', target, operation: 'delete', reason: 'the rule does not delete in this direction' });
    return { crm: none, exchange: none, pair: 'drop', snapshot: null, log };
  }
  const write: SideWrite = { op: 'delete' };
  return { crm: target === 'crm' ? write : none, exchange: target === 'exchange' ? write : none, pair: 'drop', snapshot: null, log };
}

/**
 * The pure heart of the sync (C4, C5): given what each side did since the last sync and
 * the rule, decide what to write where, what the pair looks like afterwards and what to
 * log. Fields changed on one side only are merged; fields changed on both go to the
 * master and the loser's values are logged; leaving the scope only drops the pair.
 */
export function decideMerge(rule: MergeRule, pair: PairSnapshot | null, crm: SideChange, exchange: SideChange): MergeDecision {
  if (crm.kind === 'out-of-scope' || exchange.kind === 'out-of-scope') {
    const reason = `${crm.kind === 'out-of-scope' ? 'CRM record' : 'Exchange item'} left the rule's scope; nothing is deleted`;
    return { crm: none, exchange: none, pair: pair ? 'drop' : 'none', snapshot: null, log: pair ? [{ type: 'unpaired', reason }] : [] };
  }
  if (!pair) return decideUnpaired(rule, crm, exchange);
  if (crm.kind === 'deleted' && exchange.kind === 'deleted') {
    return { crm: none, exchange: none, pair: 'drop', snapshot: null, log: [{ type: 'unpaired', reason: 'deleted on both sides' }] };
  }
  if (crm.kind === 'deleted') return decideDelete(rule, pair, 'crm', exchange);
  if (exchange.kind === 'deleted') return decideDelete(rule, pair, 'exchange', crm);
  return decideUpdate(rule, pair, crm, exchange);
}

/** Stands for "value unknown" in a synthetic snapshot; no real field value equals it. */
const unknownValue = Object.freeze({ unknownSinceLastSync: true });

function decideUnpaired(rule: MergeRule, crm: SideChange, exchange: SideChange): MergeDecision {
  if (crm.kind === 'upsert' && exchange.kind === 'upsert') {
    // A pair re-found through the stamped CRM id but without a snapshot: every differing
    // field counts as changed on both sides, so the master decides each one.
    const differing = changedFields(exchange.values, crm.values);
    const unknown = Object.fromEntries(differing.map((field) => [field, unknownValue]));
    const baseline = { ...crm.values, ...unknown } as NeutralItem;
    return decideUpdate(rule, { crm: baseline, exchange: baseline }, crm, exchange);
  }
  if (crm.kind === 'upsert') return decideCreate(rule, 'crm', crm.values);
  if (exchange.kind === 'upsert') return decideCreate(rule, 'exchange', exchange.values);
  return { crm: none, exchange: none, pair: 'none', snapshot: null, log: [] };
}

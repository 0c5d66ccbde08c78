import type { SyncRule } from '../../../shared/admin/sync-rule.schema';
import type { SyncSide } from './merge.types';
import type { PlannedMerge } from './rule-sync.context';

/**
 * C5 optional delete protection, per rule and mailbox run. Deletes toward one side are
 * counted over the run's pages; the first page that would take the count past the
 * rule's limit trips the guard for that side, and from then on every delete toward it
 * in this run is held back (a mass deletion is never half carried out page by page).
 */
export class DeleteGuard {
  private readonly counted: Record<SyncSide, number> = { crm: 0, exchange: 0 };
  private readonly tripped: Record<SyncSide, boolean> = { crm: false, exchange: false };
  /** Deletes held back in this run, per side they would have deleted on. */
  readonly held: Record<SyncSide, number> = { crm: 0, exchange: 0 };

  constructor(
    readonly ruleId: string,
    readonly ruleDescription: string,
    /** Null: no protection. */
    readonly limit: number | null,
  ) {}

  static forRule(rule: SyncRule): DeleteGuard {
    return new DeleteGuard(rule.id, rule.description, rule.options.deleteProtection?.maxDeletesPerRun ?? null);
  }

  get heldTotal(): number {
    return this.held.crm + this.held.exchange;
  }

  /** Splits a page's merges into those to carry out and deletes to hold back, with the side each would delete on. */
  screen(merges: readonly PlannedMerge[]): { readonly apply: PlannedMerge[]; readonly held: { merge: PlannedMerge; side: SyncSide }[] } {
    if (this.limit === null) return { apply: [...merges], held: [] };
    const heldSides = new Set<SyncSide>();
    for (const side of ['crm', 'exchange'] as const) {
      const deletes = merges.filter((merge) => merge.decision[side].op === 'delete').length;
      if (deletes === 0) continue;
      if (this.tripped[side] || this.counted[side] + deletes > this.limit) {
        this.tripped[side] = true;
        heldSides.add(side);
        this.held[side] += deletes;
      } else {
        this.counted[side] += deletes;
      }
    }
    const apply: PlannedMerge[] = [];
    const held: { merge: PlannedMerge; side: SyncSide }[] = [];
    for (const merge of merges) {
      const side = (['crm', 'exchange'] as const).find((candidate) => merge.decision[candidate].op === 'delete' && heldSides.has(candidate));
      if (side) held.push({ merge, side });
      else apply.push(merge);
    }
    return { apply, held };
  }
}

/** The status line for deletes a run held back, or null when none were. */
export function heldDeletesMessage(guards: readonly DeleteGuard[]): string | null {
  const held = guards.filter((guard) => guard.heldTotal > 0);
  if (held.length === 0) return null;
  const parts = held.map((guard) => `${guard.heldTotal} in rule "${guard.ruleDescription}" (limit ${guard.limit ?? 0} per run)`);
  return `Delete protection held back deletes: ${parts.join('; ')}. Raise the limit or switch protection off to let them through.`;
}

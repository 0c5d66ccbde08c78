export type ChangeKind = 'create' | 'update' | 'delete' | 'read-flag';

/** What a synchronising client that last saw `sinceSeq` must be told about one entity. */
export type NetChange =
  | { readonly type: 'Create' | 'Update'; readonly id: string; readonly seq: number }
  | { readonly type: 'Delete'; readonly id: string; readonly seq: number }
  | { readonly type: 'ReadFlagChange'; readonly id: string; readonly seq: number };

interface EntityState {
  latestSeq: number;
  createdSeq: number;
  /** Last change other than a read-flag flip: decides Update vs ReadFlagChange. */
  contentSeq: number;
  deleted: boolean;
}

/**
 * Per-folder log of changes. Entries are appended in sequence order; an entry is
 * superseded when a later entry for the same entity exists, so a scan from any
 * sequence yields each entity once, ordered by its latest change. A page of N changes
 * therefore costs O(N + superseded entries skipped), never O(folder size).
 */
export class ChangeLog {
  private readonly entries: { id: string; seq: number }[] = [];
  private readonly states = new Map<string, EntityState>();

  record(id: string, kind: ChangeKind, seq: number): void {
    const state = this.states.get(id);
    if (kind === 'create' || !state) {
      this.states.set(id, { latestSeq: seq, createdSeq: seq, contentSeq: seq, deleted: kind === 'delete' });
    } else {
      state.latestSeq = seq;
      if (kind !== 'read-flag') state.contentSeq = seq;
      if (kind === 'delete') state.deleted = true;
    }
    this.entries.push({ id, seq });
  }

  /**
   * Net changes after `sinceSeq`, oldest first, at most `max`. `more` tells whether
   * further changes remain; `throughSeq` is the sequence a follow-up scan starts after.
   */
  changesSince(sinceSeq: number, max: number): { changes: NetChange[]; more: boolean; throughSeq: number } {
    const changes: NetChange[] = [];
    let throughSeq = sinceSeq;
    for (let i = this.firstIndexAfter(sinceSeq); i < this.entries.length; i++) {
      const entry = this.entries[i] as { id: string; seq: number };
      const state = this.states.get(entry.id);
      if (!state || state.latestSeq !== entry.seq) continue;
      const change = netChange(entry.id, state, sinceSeq);
      if (!change) {
        throughSeq = entry.seq;
        continue;
      }
      if (changes.length === max) return { changes, more: true, throughSeq };
      changes.push(change);
      throughSeq = entry.seq;
    }
    return { changes, more: false, throughSeq: Math.max(throughSeq, this.lastSeq(sinceSeq)) };
  }

  private lastSeq(fallback: number): number {
    return this.entries[this.entries.length - 1]?.seq ?? fallback;
  }

  private firstIndexAfter(seq: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as { seq: number }).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function netChange(id: string, state: EntityState, sinceSeq: number): NetChange | undefined {
  const existedBefore = state.createdSeq <= sinceSeq;
  if (state.deleted) return existedBefore ? { type: 'Delete', id, seq: state.latestSeq } : undefined;
  if (!existedBefore) return { type: 'Create', id, seq: state.latestSeq };
  if (state.contentSeq <= sinceSeq) return { type: 'ReadFlagChange', id, seq: state.latestSeq };
  return { type: 'Update', id, seq: state.latestSeq };
}

export interface CounterSnapshot {
  readonly total: number;
  readonly byOperation: Readonly<Record<string, number>>;
  readonly byMailbox: Readonly<Record<string, number>>;
  /** EWS calls that used impersonation without an X-AnchorMailbox header. */
  readonly withoutAnchorMailbox: number;
  /** Faults the sandbox injected, by kind. */
  readonly faults: Readonly<Record<string, number>>;
}

/** Round-trip counts so tests and benchmarks can assert how chatty a client is. */
export class CallCounters {
  private total = 0;
  private byOperation: Record<string, number> = {};
  private byMailbox: Record<string, number> = {};
  private withoutAnchorMailbox = 0;
  private faults: Record<string, number> = {};

  countCall(operation: string, mailbox: string | undefined, hadAnchor: boolean, impersonating: boolean): void {
    this.total += 1;
    this.byOperation[operation] = (this.byOperation[operation] ?? 0) + 1;
    if (mailbox) this.byMailbox[mailbox] = (this.byMailbox[mailbox] ?? 0) + 1;
    if (impersonating && !hadAnchor) this.withoutAnchorMailbox += 1;
  }

  countFault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  snapshot(): CounterSnapshot {
    return { total: this.total, byOperation: { ...this.byOperation }, byMailbox: { ...this.byMailbox }, withoutAnchorMailbox: this.withoutAnchorMailbox, faults: { ...this.faults } };
  }

  reset(): void {
    this.total = 0;
    this.byOperation = {};
    this.byMailbox = {};
    this.withoutAnchorMailbox = 0;
    this.faults = {};
  }
}

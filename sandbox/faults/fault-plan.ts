import { createSeededRandom } from './seeded-random';

export const FAULT_KINDS = ['http500', 'http503', 'timeout', 'reset', 'unauthorized', 'serverBusy'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultConfig {
  /** Added before every EWS answer. */
  readonly latencyMs?: number;
  /** Chance per call (0..1) of each fault; checked in FAULT_KINDS order. */
  readonly probabilities?: Partial<Record<FaultKind, number>>;
  /** BackOffMilliseconds reported with ErrorServerBusy. */
  readonly backOffMilliseconds?: number;
  /** Concurrent EWS calls allowed per mailbox before ErrorExceededConnectionCount. */
  readonly maxConcurrentPerMailbox?: number;
  /** Only calls of these operations are faulted (all when absent). */
  readonly operations?: readonly string[];
  /** Only calls acting on these mailboxes are faulted (all when absent). */
  readonly mailboxes?: readonly string[];
  /** Stop faulting after this many faults (unlimited when absent). */
  readonly maxFaults?: number;
  /** Seed for the fault RNG; the sandbox's faultSeed when absent. */
  readonly seed?: number;
}

/** Decides, reproducibly, which calls fail and how. */
export class FaultPlan {
  private config: FaultConfig = {};
  private random: () => number;
  private faultsSoFar = 0;

  constructor(private readonly defaultSeed: number) {
    this.random = createSeededRandom(defaultSeed);
  }

  configure(config: FaultConfig): void {
    for (const [kind, p] of Object.entries(config.probabilities ?? {})) {
      if (!(FAULT_KINDS as readonly string[]).includes(kind) || typeof p !== 'number' || p < 0 || p > 1) throw new RangeError(`Invalid fault probability for ${kind}`);
    }
    this.config = { ...config };
    this.random = createSeededRandom(config.seed ?? this.defaultSeed);
    this.faultsSoFar = 0;
  }

  clear(): void {
    this.configure({});
  }

  current(): FaultConfig {
    return this.config;
  }

  latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }

  concurrencyLimit(): number | undefined {
    return this.config.maxConcurrentPerMailbox;
  }

  backOffMilliseconds(): number {
    return this.config.backOffMilliseconds ?? 30_000;
  }

  /** Draws for one call; every call consumes one draw so sequences stay reproducible. */
  draw(operation: string, mailbox: string | undefined): FaultKind | undefined {
    const roll = this.random();
    const { probabilities, operations, mailboxes, maxFaults } = this.config;
    if (!probabilities) return undefined;
    if (operations && !operations.includes(operation)) return undefined;
    if (mailboxes && !(mailbox && mailboxes.some((m) => m.toLowerCase() === mailbox.toLowerCase()))) return undefined;
    if (maxFaults !== undefined && this.faultsSoFar >= maxFaults) return undefined;
    let threshold = 0;
    for (const kind of FAULT_KINDS) {
      threshold += probabilities[kind] ?? 0;
      if (roll < threshold) {
        this.faultsSoFar += 1;
        return kind;
      }
    }
    return undefined;
  }
}

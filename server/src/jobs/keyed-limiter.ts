/**
 * Bounds how many tasks run at once per key (per Exchange server, C9): EWS budgets and
 * connection limits are per server and per target mailbox, so a cycle over a thousand
 * mailboxes must not open a thousand connections to one server.
 */
export class KeyedLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('the concurrency limit must be a positive integer');
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string): Promise<void> {
    const count = this.running.get(key) ?? 0;
    if (count < this.limit) {
      this.running.set(key, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]);
    });
  }

  private release(key: string): void {
    const queue = this.waiting.get(key) ?? [];
    const next = queue.shift();
    if (next) {
      // The slot passes straight to the next waiter, so the count stays the same.
      next();
      return;
    }
    const count = (this.running.get(key) ?? 1) - 1;
    if (count === 0) this.running.delete(key);
    else this.running.set(key, count);
  }
}

/** Runs `task` over `items` with at most `limit` in flight, keeping input order in the results. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

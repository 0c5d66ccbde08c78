import { describe, expect, it } from 'vitest';
import { KeyedLimiter, mapWithConcurrency } from '../../server/src/jobs/keyed-limiter';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('keyed limiter', () => {
  it('never runs more than the limit per key, while other keys run freely', async () => {
    const limiter = new KeyedLimiter(2);
    const peak = new Map<string, number>();
    const active = new Map<string, number>();
    const gates = Array.from({ length: 6 }, deferred);
    const tasks = gates.map((gate, i) => {
      const key = i < 4 ? 'server-a' : 'server-b';
      return limiter.run(key, async () => {
        active.set(key, (active.get(key) ?? 0) + 1);
        peak.set(key, Math.max(peak.get(key) ?? 0, active.get(key) ?? 0));
        await gate.promise;
        active.set(key, (active.get(key) ?? 1) - 1);
        return i;
      });
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(active.get('server-a')).toBe(2);
    expect(active.get('server-b')).toBe(2);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Object.fromEntries(peak)).toEqual({ 'server-a': 2, 'server-b': 2 });
  });

  it('releases the slot when a task fails', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('k', () => Promise.resolve('next'))).toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new KeyedLimiter(0)).toThrow(RangeError);
  });

  it('maps with bounded concurrency and keeps the input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { runChaos } from './support/chaos';

// Reduced size for CI; `npm run chaos` runs the full seeded scenario (bench/sync-chaos.ts).
describe('chaos convergence', () => {
  it.each([20261125, 7])('converges to identical records on both sides after faults, kills and restarts (seed %i)', async (seed) => {
    const report = await runChaos({ seed, operations: 1_000, faultRate: 0.25, restarts: 5, mailboxes: 3 });
    expect(report.restarts).toBeGreaterThanOrEqual(5);
    expect(report.injectedFaults / report.faultyCalls).toBeGreaterThanOrEqual(0.2);
    expect(report.records).toBeGreaterThan(50);
    expect(report.mismatches).toEqual([]);
  });
});

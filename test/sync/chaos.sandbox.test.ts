import { describe, expect, it } from 'vitest';
import { runSandboxChaos } from './support/sandbox-chaos';

// Reduced size for CI: the real stack (CRM store, SQL state, EWS over HTTPS to the sandbox).
describe('chaos convergence against the sandbox', () => {
  it.each([1, 2, 3])('converges after seeded edits on both sides, injected EWS faults and killed backends (seed %i)', async (seed) => {
    const report = await runSandboxChaos({ seed, operations: 300, faultProbability: 0.09, restarts: 5 });
    expect(report.restarts).toBeGreaterThanOrEqual(5);
    expect(report.injectedFaults / report.ewsCalls).toBeGreaterThanOrEqual(0.2);
    expect(report.contacts).toBeGreaterThan(20);
    expect(report.mismatches).toEqual([]);
  }, 240_000);
});

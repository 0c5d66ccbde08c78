import { runChaos } from '../test/sync/support/chaos';

/**
 * `npm run chaos`: the full seeded chaos scenario (the CI test runs a reduced one).
 * Prints the report and exits non-zero when the two sides differ.
 */
async function main(): Promise<void> {
  const seed = Number(process.env.CHAOS_SEED ?? 20261125);
  const report = await runChaos({ seed, operations: Number(process.env.CHAOS_OPERATIONS ?? 10_000), faultRate: 0.25, restarts: 20, mailboxes: 8 });
  const share = ((report.injectedFaults / report.faultyCalls) * 100).toFixed(1);
  process.stdout.write(
    [
      `seed ${seed}: ${report.operations} edits (${report.crmEdits} CRM, ${report.exchangeEdits} Exchange), ${report.syncRuns} runs (${report.failedRuns} failed), ${report.restarts} kills + restarts`,
      `${report.injectedFaults} injected faults in ${report.faultyCalls} Exchange calls (${share} %); quiet after ${report.cleanCyclesUntilQuiet} clean cycle(s)`,
      `${report.records} records; ${report.mismatches.length === 0 ? 'both sides identical' : `${report.mismatches.length} differences:\n  ${report.mismatches.slice(0, 20).join('\n  ')}`}`,
      '',
    ].join('\n'),
  );
  process.exitCode = report.mismatches.length === 0 ? 0 : 1;
}

await main();

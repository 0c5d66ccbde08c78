import type { ProcessChaosReport } from './process-chaos';

/** The report as `npm run chaos:processes` and the CI test print it. */
export function describeProcessChaos(seed: number, report: ProcessChaosReport): string {
  const share = ((report.injectedFaults / Math.max(1, report.ewsCalls)) * 100).toFixed(1);
  const afterWrite = Object.values(report.killsAfterWrite).reduce((sum, n) => sum + n, 0);
  const byTable = Object.entries(report.killsAfterWrite).map(([table, n]) => `${table} ${n}`).join(', ');
  const race = report.startUpRace;
  const kinds = Object.entries(report.faultsByKind).map(([kind, n]) => `${kind} ${n}`).join(', ');
  return [
    `seed ${seed}: ${report.operations} edits (${report.crmEdits} CRM, ${report.exchangeEdits} Exchange, ${report.refusedCrmEdits} CRM edits refused), ${report.backendRuns} backend processes`,
    `start-up race on the empty schema: ${race ? `${race.victimKilledAfterMs === null ? 'victim finished before its kill' : `victim killed after ${race.victimKilledAfterMs} ms`}, survivor exit ${race.survivorCode}${race.survivorSummary ? '' : ` without a summary (${race.survivorStderr})`}` : 'not run'}`,
    `${report.chaosKills} SIGKILLs mid-run (${report.killsAfterAnswer} after an EWS answer, ${afterWrite} after a commit${afterWrite > 0 ? ` [${byTable}]` : ''}, ${report.killsAfterDelay} after a delay) + ${report.watchdogKills} watchdog kills of hung processes; ${report.runsWithFailedMailboxes} runs with failed mailboxes; ${report.crashes.length} crashes${report.crashes.length > 0 ? `:\n  ${report.crashes.slice(0, 5).join('\n  ')}` : ''}`,
    `${report.injectedFaults} injected faults in ${report.ewsCalls} EWS calls (${share} %: ${kinds}); quiet after ${report.cleanRunsUntilQuiet} clean run(s); ${report.unfinishedRunLogs} run-log entries left open by kills`,
    `${report.records} records, ${report.winnerChecks} winner checks; ${report.mismatches.length === 0 ? 'both sides identical' : `${report.mismatches.length} differences:\n  ${report.mismatches.slice(0, 30).join('\n  ')}\n${report.diagnosis.join('\n')}`}`,
  ].join('\n');
}

import { runProcessChaos, type KillPoint } from '../test/sync/support/process-chaos';
import { describeProcessChaos } from '../test/sync/support/process-chaos-report';

/**
 * `npm run chaos:processes`: the full chaos with real backend processes killed by SIGKILL
 * (the CI test runs a reduced one). Needs the PostgreSQL server (TANDEM_TEST_PG_URL).
 * CHAOS_KILL_POINTS=write (or answer, delay; comma-separated) puts every kill there.
 */
function killPointsOf(value: string | undefined): KillPoint[] | undefined {
  if (!value) return undefined;
  const known: readonly KillPoint[] = ['answer', 'write', 'delay'];
  const points = value.split(',').map((point) => point.trim());
  const unknown = points.filter((point) => !known.includes(point as KillPoint));
  if (unknown.length > 0) throw new Error(`CHAOS_KILL_POINTS: unknown kill point(s) ${unknown.join(', ')}; use ${known.join(', ')}`);
  return points as KillPoint[];
}

async function main(): Promise<void> {
  const seed = Number(process.env.CHAOS_SEED ?? 20261125);
  const verbose = process.argv.includes('--verbose');
  const killPoints = killPointsOf(process.env.CHAOS_KILL_POINTS);
  const report = await runProcessChaos({
    seed,
    operations: Number(process.env.CHAOS_OPERATIONS ?? 1200),
    kills: Number(process.env.CHAOS_KILLS ?? 25),
    mailboxes: 3,
    editsPerRun: 20,
    killChance: 0.4,
    faults: { http500: 0.06, http503: 0.05, timeout: 0.01, reset: 0.05, serverBusy: 0.1 },
    hangMs: 12_000,
    winnerChecks: 30,
    ...(killPoints ? { killPoints } : {}),
    ...(verbose ? { progress: (line: string) => process.stdout.write(`${line}\n`) } : {}),
  });
  process.stdout.write(`${describeProcessChaos(seed, report)}\n`);
  process.exitCode = report.mismatches.length === 0 && report.crashes.length === 0 ? 0 : 1;
}

await main();

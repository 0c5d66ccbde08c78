import { parseTotals, startBackend } from './process-chaos-backend';

const RACE_HANG_MS = 60_000;

export interface StartUpRace {
  /** The process killed while both were starting, if the kill came before it finished. */
  readonly victimKilledAfterMs: number | null;
  /** Exit code and whether the other process printed its summary. */
  readonly survivorCode: number | null;
  readonly survivorSummary: boolean;
  readonly survivorStderr: string;
}

/**
 * Two backends start at once on the empty schema, so both race for the migrations, and one
 * of them is SIGKILLed at a seeded moment of its start-up, possibly holding the migration
 * lock in the middle of the migration transaction. The other must still bring the schema
 * up and finish its (empty) cycle.
 */
export async function raceStartUp(cli: string, env: Readonly<Record<string, string>>, random: () => number): Promise<StartUpRace> {
  const victim = startBackend(cli, env);
  const survivor = startBackend(cli, env);
  const timers = [
    setTimeout(() => victim.kill('chaos'), 300 + Math.floor(random() * 3000)),
    setTimeout(() => survivor.kill('watchdog'), RACE_HANG_MS),
    setTimeout(() => victim.kill('watchdog'), RACE_HANG_MS),
  ];
  const [killed, survived] = await Promise.all([victim.exited, survivor.exited]);
  for (const timer of timers) clearTimeout(timer);
  return {
    victimKilledAfterMs: killed.killedBy === 'chaos' ? Math.round(killed.durationMs) : null,
    survivorCode: survived.code,
    survivorSummary: parseTotals(survived.stdout) !== null,
    survivorStderr: survived.stderrTail.trim().split('\n').slice(-3).join(' | '),
  };
}

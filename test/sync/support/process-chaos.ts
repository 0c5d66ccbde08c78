import { rm } from 'node:fs/promises';
import type { FaultKind } from '../../../sandbox/index';
import { seededRandom } from './chaos';
import { parseTotals, startBackend, type BackendExit, type BackendProcess } from './process-chaos-backend';
import { bundleSyncCli } from './process-chaos-bundle';
import { findMismatches, snapshotSides } from './process-chaos-compare';
import { diagnoseMismatches } from './process-chaos-diagnose';
import { ChaosEditor } from './process-chaos-edits';
import { raceStartUp, type StartUpRace } from './process-chaos-startup';
import { watchBackendWrites, type WriteWatch } from './process-chaos-writes';
import { openProcessChaosStack, type ProcessChaosStack } from './process-chaos-stack';

export interface ProcessChaosOptions {
  readonly seed: number;
  /** User edits on both sides, made while backend processes run. */
  readonly operations: number;
  /** Minimum number of backend processes SIGKILLed mid-run by the chaos (watchdog kills not counted). */
  readonly kills: number;
  readonly mailboxes: number;
  /** Edits spread over the lifetime of one backend process. */
  readonly editsPerRun: number;
  /** Chance that a backend process is sentenced to be killed at a random point. */
  readonly killChance: number;
  /** Where kills may land (all three when absent): after an EWS answer, after a committed sync write, after a delay. */
  readonly killPoints?: readonly KillPoint[];
  /** Commits that count for a kill after a write (all watched tables when absent). */
  readonly writeKillTables?: readonly string[];
  /** Per-call probability of each injected EWS fault. */
  readonly faults: Partial<Record<FaultKind, number>>;
  /** A backend still running after this long is hung (a held "timeout" fault) and gets killed, as a supervisor would. */
  readonly hangMs: number;
  /** Records edited after the first convergence to check that the rule's winner survives a kill. */
  readonly winnerChecks: number;
  readonly progress?: (line: string) => void;
}

export interface ProcessChaosReport {
  readonly operations: number;
  readonly crmEdits: number;
  readonly exchangeEdits: number;
  readonly refusedCrmEdits: number;
  readonly backendRuns: number;
  /** Two backends started on the empty schema, one killed during start-up (migrations). */
  readonly startUpRace: StartUpRace | null;
  /** SIGKILLs at a seeded random point: after the n-th EWS answer, the n-th committed sync write, or a delay. */
  readonly chaosKills: number;
  readonly killsAfterAnswer: number;
  /** By the table whose commit preceded the kill. */
  readonly killsAfterWrite: Readonly<Record<string, number>>;
  readonly killsAfterDelay: number;
  readonly watchdogKills: number;
  /** Processes that ended by themselves with failed mailboxes (exit 1 with a summary). */
  readonly runsWithFailedMailboxes: number;
  /** Processes that ended by themselves without a summary: a crash of the product. */
  readonly crashes: readonly string[];
  readonly ewsCalls: number;
  readonly injectedFaults: number;
  readonly faultsByKind: Readonly<Record<string, number>>;
  readonly cleanRunsUntilQuiet: number;
  /** Sync runs a killed process left without an end in the run log. */
  readonly unfinishedRunLogs: number;
  readonly records: number;
  readonly winnerChecks: number;
  readonly mismatches: readonly string[];
  /** Journal, pairs and sync log of the records that differ, and when each backend was killed. */
  readonly diagnosis: readonly string[];
}

const MAX_CLEAN_RUNS = 6;
const CLEAN_RUN_HANG_MS = 120_000;

export type KillPoint = 'answer' | 'write' | 'delay';

/** How and when a sentenced backend process dies. */
type KillPlan = { readonly afterAnswers: number } | { readonly afterWrites: number } | { readonly afterMs: number } | null;

/** Learns typical run length from runs that were not killed, so kill points land inside runs. */
class RunShape {
  private runs = 0;
  private ms = 0;
  private firstAnswerMs = 0;
  private answers = 0;
  private writes = 0;

  record(ms: number, firstAnswerMs: number | null, answers: number, writes: number): void {
    this.runs += 1;
    this.ms += ms;
    this.firstAnswerMs += firstAnswerMs ?? ms;
    this.answers += answers;
    this.writes += writes;
  }

  get typicalWrites(): number {
    return this.runs === 0 ? 6 : Math.max(2, this.writes / this.runs);
  }

  get typicalMs(): number {
    return this.runs === 0 ? 3000 : this.ms / this.runs;
  }

  /** Start-up (process, migrations check, configuration) before the first EWS answer. */
  get typicalStartMs(): number {
    return this.runs === 0 ? 1500 : this.firstAnswerMs / this.runs;
  }

  get typicalAnswers(): number {
    return this.runs === 0 ? 10 : Math.max(2, this.answers / this.runs);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * C11 with real processes: the backend (`sync --once --force`, the product's CLI) runs as a
 * child process against a PostgreSQL schema and the sandbox, which injects seeded EWS
 * faults, while this process edits both sides. Seeded-random processes get SIGKILL after
 * a random number of EWS answers or a random delay; the next process starts over the
 * state the killed one left. Then faults stop, clean runs go on until one changes nothing,
 * and both sides are compared. A second round edits chosen records on one or both sides,
 * kills one more process mid-run and checks that the rule's winner holds everywhere.
 */
export async function runProcessChaos(options: ProcessChaosOptions): Promise<ProcessChaosReport> {
  const random = seededRandom(options.seed);
  const progress = options.progress ?? (() => undefined);
  const cli = await bundleSyncCli(`${process.pid}-${options.seed}`);
  let race: StartUpRace | undefined;
  const stack = await openProcessChaosStack({
    seed: options.seed,
    mailboxes: options.mailboxes,
    beforeMigrate: async (env) => {
      race = await raceStartUp(cli, env, random);
    },
  });
  const live: { backend: BackendProcess | null; writes: WriteWatch | null } = { backend: null, writes: null };
  try {
    const shape = new RunShape();
    const editor = new ChaosEditor(stack, random);
    const kills: string[] = [];
    const tally = { runs: 0, chaosKills: 0, afterAnswer: 0, afterWrite: {} as Record<string, number>, afterDelay: 0, watchdog: 0, failedMailboxes: 0, crashes: [] as string[] };
    let answersThisRun = 0;
    let writesThisRun = 0;
    let lastWrite = '';
    let onWrite: (() => void) | null = null;
    const countsForKill = (table: string) => !options.writeKillTables || options.writeKillTables.includes(table);
    live.writes = await watchBackendWrites(stack.schema, (table) => {
      if (!countsForKill(table)) return;
      writesThisRun += 1;
      lastWrite = table;
      onWrite?.();
    });
    let firstAnswerAt: number | null = null;
    let onAnswer: (() => void) | null = null;
    const unsubscribe = stack.sandbox.control.onCapture((exchange) => {
      if (exchange.endpoint !== 'ews') return;
      answersThisRun += 1;
      firstAnswerAt ??= performance.now();
      onAnswer?.();
    });

    /** One backend process, killed per `plan`, with `edits` user edits made while it runs. */
    const runBackend = async (plan: KillPlan, edits: number, hangMs = options.hangMs): Promise<BackendExit> => {
      answersThisRun = 0;
      writesThisRun = 0;
      firstAnswerAt = null;
      tally.runs += 1;
      const startedAt = performance.now();
      const backend = startBackend(cli, stack.backendEnv);
      live.backend = backend;
      const timers = [setTimeout(() => backend.kill('watchdog'), hangMs)];
      if (plan && 'afterMs' in plan) timers.push(setTimeout(() => backend.kill('chaos'), plan.afterMs));
      // Killed while the sandbox is about to send the n-th answer: Exchange has done the work, the backend never hears of it.
      if (plan && 'afterAnswers' in plan) onAnswer = () => answersThisRun >= plan.afterAnswers && backend.kill('chaos');
      // Killed just after a commit of the backend: the next step of the same sync never happens.
      if (plan && 'afterWrites' in plan) onWrite = () => writesThisRun >= plan.afterWrites && backend.kill('chaos');
      for (let i = 0; i < edits; i++) {
        await sleep(Math.floor((random() * 2 * shape.typicalMs) / Math.max(1, edits)));
        await editor.editOnce();
      }
      const exit = await backend.exited;
      onAnswer = null;
      onWrite = null;
      for (const timer of timers) clearTimeout(timer);
      if (exit.killedBy) kills.push(`run ${tally.runs} ${exit.killedBy}-killed at ${new Date().toISOString().slice(11, 23)} (${plan ? JSON.stringify(plan) : 'no plan'}, last commit ${lastWrite || '-'})`);
      if (exit.killedBy === 'chaos') {
        tally.chaosKills += 1;
        if (plan && 'afterMs' in plan) tally.afterDelay += 1;
        else if (plan && 'afterWrites' in plan) tally.afterWrite[lastWrite] = (tally.afterWrite[lastWrite] ?? 0) + 1;
        else tally.afterAnswer += 1;
      } else if (exit.killedBy === 'watchdog') tally.watchdog += 1;
      else {
        shape.record(exit.durationMs, firstAnswerAt === null ? null : firstAnswerAt - startedAt, answersThisRun, writesThisRun);
        const totals = parseTotals(exit.stdout);
        if (!totals) tally.crashes.push(`exit ${exit.code}: ${exit.stderrTail.trim().split('\n').slice(-3).join(' | ')}`);
        else if (totals.failedMailboxes > 0) tally.failedMailboxes += 1;
      }
      progress(`run ${tally.runs}: ${exit.killedBy ? `killed (${exit.killedBy}) after ${Math.round(exit.durationMs)} ms, ${answersThisRun} answers, ${writesThisRun} writes` : `exit ${exit.code} after ${Math.round(exit.durationMs)} ms`}; edits ${editor.tally.crm + editor.tally.exchange}`);
      return exit;
    };
    // Delays start a little before the typical first EWS answer: most of them land in the sync itself, a few in start-up.
    const points = options.killPoints ?? ['answer', 'write', 'delay'];
    const drawPlan = (): KillPlan => {
      const kind = points[Math.floor(random() * points.length)] ?? 'delay';
      if (kind === 'answer') return { afterAnswers: 1 + Math.floor(random() * shape.typicalAnswers) };
      if (kind === 'write') return { afterWrites: 1 + Math.floor(random() * shape.typicalWrites) };
      const from = shape.typicalStartMs * 0.8;
      return { afterMs: Math.floor(from + random() * Math.max(100, shape.typicalMs - from)) };
    };

    const injectFaults = () => stack.sandbox.control.injectFaults({ probabilities: options.faults, backOffMilliseconds: 1, seed: options.seed });
    injectFaults();
    let edited = 0;
    while (edited < options.operations) {
      const edits = Math.min(options.editsPerRun, options.operations - edited);
      edited += edits;
      await runBackend(random() < options.killChance ? drawPlan() : null, edits);
    }
    while (tally.chaosKills < options.kills) await runBackend(drawPlan(), 0);

    const counters = stack.sandbox.control.counters();
    stack.sandbox.control.clearFaults();
    const cleanRuns = await runUntilQuiet(runBackend);
    const converged = findMismatches(await snapshotSides(stack));
    progress(`after chaos: ${converged.length} mismatches`);

    // Winner round: edits on a quiet state, one more kill mid-run with faults, then quiet again.
    const winners = await editForWinners(stack, random, options.winnerChecks);
    injectFaults();
    await runBackend({ afterAnswers: 1 + Math.floor(random() * shape.typicalAnswers) }, 0);
    stack.sandbox.control.clearFaults();
    await runUntilQuiet(runBackend);
    const final = await snapshotSides(stack);
    const mismatches = [...converged.map((m) => `after chaos: ${m}`), ...findMismatches(final, winners).map((m) => `after winner round: ${m}`)];
    unsubscribe();

    const unfinished = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_runs WHERE finished_at IS NULL');
    const faultsByKind = counters.faults;
    return {
      operations: editor.tally.crm + editor.tally.exchange,
      crmEdits: editor.tally.crm,
      exchangeEdits: editor.tally.exchange,
      refusedCrmEdits: editor.tally.refused,
      backendRuns: tally.runs,
      startUpRace: race ?? null,
      chaosKills: tally.chaosKills,
      killsAfterAnswer: tally.afterAnswer,
      killsAfterWrite: tally.afterWrite,
      killsAfterDelay: tally.afterDelay,
      watchdogKills: tally.watchdog,
      runsWithFailedMailboxes: tally.failedMailboxes,
      crashes: tally.crashes,
      ewsCalls: counters.total,
      injectedFaults: Object.values(faultsByKind).reduce((sum, n) => sum + n, 0),
      faultsByKind,
      cleanRunsUntilQuiet: cleanRuns,
      unfinishedRunLogs: unfinished.rows[0]?.n ?? 0,
      records: final.crm.size,
      winnerChecks: winners.size,
      mismatches,
      diagnosis: mismatches.length === 0 ? [] : [...(await diagnoseMismatches(stack, mismatches)), ...exchangeEditsOf(editor, mismatches), ...kills],
    };
  } finally {
    // A run cut short (test timeout, thrown error) must not leave a backend writing into a dropped schema.
    const backend = live.backend;
    if (backend?.isRunning()) {
      backend.kill('watchdog');
      await backend.exited;
    }
    await live.writes?.close();
    await stack.close();
    await rm(cli, { force: true });
  }
}

/** What the user did in Exchange to the items named in the mismatches. */
function exchangeEditsOf(editor: ChaosEditor, mismatches: readonly string[]): string[] {
  const names = new Set(mismatches.flatMap((line) => [...line.matchAll(/"(S\d+)"/g)].map((match) => match[1] ?? '')));
  return [...names].map((name) => `Exchange edits of ${name}: ${(editor.exchangeEditsByName.get(name) ?? []).join('; ') || 'none'}`);
}

/** Clean backend runs until one reports no writes and no failures; returns how many ran. */
async function runUntilQuiet(runBackend: (plan: KillPlan, edits: number, hangMs: number) => Promise<BackendExit>): Promise<number> {
  for (let run = 1; run <= MAX_CLEAN_RUNS; run++) {
    // Without faults nothing may hang: only a real hang of the product meets this watchdog.
    const exit = await runBackend(null, 0, CLEAN_RUN_HANG_MS);
    const totals = parseTotals(exit.stdout);
    if (exit.code === 0 && totals && totals.created + totals.changed + totals.deleted + totals.failedItems === 0) return run;
  }
  return MAX_CLEAN_RUNS;
}

/**
 * One-sided and conflicting edits of chosen records on a quiet state: a job title changed in
 * the CRM, in one mailbox, or in both (the contacts rule has the CRM as master, so the CRM
 * value wins the conflict), or the record deleted in the CRM or in one mailbox (deletes
 * travel both ways). Returns CRM id → the title that must win everywhere, null for gone.
 */
async function editForWinners(stack: ProcessChaosStack, random: () => number, count: number): Promise<Map<string, string | null>> {
  const winners = new Map<string, string | null>();
  const { control } = stack.sandbox;
  const snapshot = await snapshotSides(stack);
  const ids = [...snapshot.crm.keys()];
  const context = { userId: stack.mailboxes[0]?.userId ?? '', isAdmin: true, origin: 'api' as const };
  for (let i = 0; i < count && ids.length > 0; i++) {
    const [id] = ids.splice(Math.floor(random() * ids.length), 1);
    const mailbox = stack.mailboxes[Math.floor(random() * stack.mailboxes.length)];
    if (!id || !mailbox) continue;
    const itemId = [...(snapshot.exchange.get(mailbox.smtpAddress) ?? new Map<string, { crmId: string | null }>())].find(([, item]) => item.crmId === id)?.[0];
    if (!itemId) continue;
    const roll = random();
    const crmTitle = `crm-win-${i}`;
    const exchangeTitle = `exchange-win-${i}`;
    if (roll < 0.75) {
      if (roll < 0.5) await stack.crm.contacts.update(context, id, { jobTitle: crmTitle });
      if (roll >= 0.25) control.updateItem(mailbox.smtpAddress, itemId, { fields: { JobTitle: exchangeTitle } });
      winners.set(id, roll < 0.5 ? crmTitle : exchangeTitle);
    } else {
      if (roll < 0.875) await stack.crm.contacts.remove(context, id);
      else control.deleteItem(mailbox.smtpAddress, itemId);
      winners.set(id, null);
    }
  }
  return winners;
}

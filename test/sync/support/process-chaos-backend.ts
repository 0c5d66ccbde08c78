import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const TAIL_CHARS = 2000;

/** How one backend process ended. */
export interface BackendExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when this harness killed the process (and why). */
  readonly killedBy: 'chaos' | 'watchdog' | null;
  readonly durationMs: number;
  /** The CLI's summary (stdout); empty when the process died before printing it. */
  readonly stdout: string;
  /** Last characters of stderr, for the report when a process fails unexpectedly. */
  readonly stderrTail: string;
}

export interface BackendProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<BackendExit>;
  /** SIGKILL: no shutdown hooks, no flushing, pending writes and open transactions simply stop. */
  kill(reason: 'chaos' | 'watchdog'): void;
  isRunning(): boolean;
}

/**
 * Starts one backend batch run, `sync --once --force` (what `npm run sync -- --once --force`
 * runs; `cli` is the bundled sync-cli.ts), as its own OS process. The environment is built
 * from scratch (PATH and HOME only) plus `env`, so a developer's TANDEM_CONFIG or
 * DATABASE_URL never leaks into the run. `--force` because the chaos keeps every mailbox in
 * retry or back-off, and the run is meant to hit it anyway.
 */
export function startBackend(cli: string, env: Readonly<Record<string, string>>): BackendProcess {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, '--once', '--force'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let killedBy: BackendExit['killedBy'] = null;
  let running = true;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-TAIL_CHARS)));
  const exited = new Promise<BackendExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running = false;
      resolve({ code, signal, killedBy, durationMs: performance.now() - started, stdout, stderrTail: stderr });
    });
  });
  return {
    pid: child.pid,
    exited,
    kill(reason) {
      if (!running || killedBy) return;
      killedBy = reason;
      child.kill('SIGKILL');
    },
    isRunning: () => running,
  };
}

/** The totals line of the CLI summary, or null when the process printed none. */
export function parseTotals(stdout: string): { created: number; changed: number; deleted: number; conflicts: number; failedItems: number; failedMailboxes: number } | null {
  const totals = /Total: created (\d+), changed (\d+), deleted (\d+), conflicts (\d+), failed items (\d+)/.exec(stdout);
  const header = /(\d+) synced, (\d+) failed, (\d+) skipped/.exec(stdout);
  if (!totals || !header) return null;
  const n = (i: number, match: RegExpExecArray) => Number(match[i]);
  return { created: n(1, totals), changed: n(2, totals), deleted: n(3, totals), conflicts: n(4, totals), failedItems: n(5, totals), failedMailboxes: n(2, header) };
}

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const TAIL_CHARS = 4000;

/** One real backend (`server/src/main.ts`, what `npm start` runs) as its own OS process. */
export interface BackendProcess {
  readonly name: string;
  /** Resolves with the loopback URL once the backend logs "Tandem is listening". */
  readonly listening: Promise<string>;
  /** SIGTERM: the backend's own graceful shutdown (HTTP, then sync workers, then database). */
  stop(): Promise<number | null>;
  /** SIGKILL, for clean-up after a failed test. */
  kill(): void;
  /** The last log lines, for a failure message. */
  logTail(): string;
}

/**
 * The environment is built from scratch (PATH and HOME only) plus `env`, so a developer's
 * own DATABASE_URL or TANDEM_CONFIG never leaks into the run.
 */
export function startBackend(name: string, env: Readonly<Record<string, string>>): BackendProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let pending = '';
  let resolveListening: (url: string) => void = () => undefined;
  let rejectListening: (error: Error) => void = () => undefined;
  const listening = new Promise<string>((resolve, reject) => {
    resolveListening = resolve;
    rejectListening = reject;
  });
  // Never left unhandled when a test fails before awaiting it.
  listening.catch(() => undefined);
  const keep = (chunk: string) => (tail = (tail + chunk).slice(-TAIL_CHARS));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    keep(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { msg?: unknown; listening?: unknown };
        if (entry.msg === 'Tandem is listening' && typeof entry.listening === 'string') resolveListening(entry.listening);
      } catch {
        // Not a log line (pino writes one JSON object per line); kept in the tail only.
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      rejectListening(new Error(`backend ${name} exited (${code}) before listening:\n${tail}`));
      resolve(code);
    });
  });
  child.on('error', (error) => rejectListening(error));
  return {
    name,
    listening,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    logTail: () => tail,
  };
}

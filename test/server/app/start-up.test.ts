import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
// Bounds a hang, not a speed claim (E1's one minute is for a quiet machine; PGlite's first
// start dominates and stretches far on 2 cores shared by parallel test runs).
const START_DEADLINE_MS = 180_000;

interface Backend {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `npm start` as a user runs it: only DATA_DIR and PORT differ, so runs do not collide. */
function startBackend(dataDir: string, port: number): Backend {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), ADDIN_DIST_DIR: join(dataDir, 'no-addin') };
  const child = spawn(TSX, ['server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(base: string, backend: Backend): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < START_DEADLINE_MS) {
    if (backend.child.exitCode !== null) throw new Error(`backend exited with ${backend.child.exitCode}:\n${backend.output()}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return Date.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`no /healthz within ${START_DEADLINE_MS} ms:\n${backend.output()}`);
}

async function stop(backend: Backend): Promise<number | null> {
  backend.child.kill('SIGTERM');
  return backend.exited;
}

describe('npm start with no configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-start-'));
  let port: number;
  let base: string;
  let running: Backend | undefined;

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (running && running.child.exitCode === null) await stop(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health and readiness, keeps data and tokens across a SIGTERM restart, and applies migrations once', { timeout: 480_000 }, async () => {
    running = startBackend(dataDir, port);
    await waitForHealth(base, running);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(running.output()).toContain('DEVELOPMENT token issuer is on');

    const minted = await fetch(`${base}/auth/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'e2e-user', email: 'e2e@example.com' }) });
    const { access_token: token } = (await minted.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/api/crm/companies`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Survives Restart GmbH', domains: ['survives.example'] }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    expect(await stop(running)).toBe(0);
    expect(running.output()).toContain('shutting down');
    const firstOutput = running.output();

    running = startBackend(dataDir, port);
    await waitForHealth(base, running);
    const readBack = await fetch(`${base}/api/crm/companies/${id}`, { headers: auth });
    expect(readBack.status, await readBack.clone().text()).toBe(200);
    expect(await readBack.json()).toMatchObject({ id, name: 'Survives Restart GmbH', domains: ['survives.example'] });
    expect(firstOutput).toContain('database migrated');
    expect(running.output()).toContain('database schema is current');
    expect(running.output()).not.toContain(token);
    expect(await stop(running)).toBe(0);
  });
});

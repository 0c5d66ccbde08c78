import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBackends, TEST_PG_URL } from '../support/test-databases';

const backends = await availableBackends();

function runInstance(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync/support/queue-instance.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe.runIf(backends.includes('postgres'))('two instances of the job queue alone on one PostgreSQL server (stand-in sync; the full backend: two-instances-full)', () => {
  const suffix = randomBytes(4).toString('hex');
  const bossSchema = `boss_${suffix}`;
  const table = `public.queue_runs_${suffix}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE TABLE ${table} (account text NOT NULL, pid integer NOT NULL, started timestamptz NOT NULL, finished timestamptz NOT NULL)`);
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    await admin.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
    await admin.end();
  });

  it('split the mailboxes between them and never sync one mailbox twice at once', async () => {
    const accounts = Array.from({ length: 8 }, (_, i) => `acc-${i}`);
    const env = { QUEUE_TEST_PG_URL: TEST_PG_URL, QUEUE_TEST_BOSS_SCHEMA: bossSchema, QUEUE_TEST_RUNS_TABLE: table, QUEUE_TEST_ACCOUNTS: accounts.join(','), QUEUE_TEST_RUN_MS: '8000' };
    const codes = await Promise.all([runInstance(env), runInstance(env)]);
    expect(codes).toEqual([0, 0]);
    const { rows } = await admin.query<{ account: string; pid: number; started: Date; finished: Date }>(`SELECT account, pid, started, finished FROM ${table} ORDER BY account, started`);
    expect(new Set(rows.map((row) => row.pid)).size).toBe(2);
    expect(new Set(rows.map((row) => row.account))).toEqual(new Set(accounts));
    const overlaps: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      const previous = rows[i - 1];
      const current = rows[i];
      if (previous && current && previous.account === current.account && current.started < previous.finished) overlaps.push(`${current.account}: pid ${previous.pid} and ${current.pid}`);
    }
    expect(overlaps).toEqual([]);
    expect(rows.length).toBeGreaterThan(accounts.length);
  }, 90_000);
});

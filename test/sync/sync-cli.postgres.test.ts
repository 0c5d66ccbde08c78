import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBackends, TEST_PG_URL } from '../support/test-databases';
import { openDatabase } from '../../server/src/db/open-database';
import type { Database } from '../../server/src/db/database';
import { MAILBOX_LOCK_SPACE } from '../../server/src/jobs/mailbox-exclusivity';
import { startBackend } from './support/process-chaos-backend';
import { bundleSyncCli } from './support/process-chaos-bundle';
import { openProcessChaosStack, schemaUrl, type ProcessChaosStack } from './support/process-chaos-stack';

const backends = await availableBackends();
if (!backends.includes('postgres')) console.warn(`sync CLI next to a running backend skipped: PostgreSQL at ${TEST_PG_URL} is unreachable`);

describe.runIf(backends.includes('postgres'))('npm run sync -- --once next to a running backend', () => {
  let stack: ProcessChaosStack;
  let cli: string;
  let holder: Database;

  beforeAll(async () => {
    cli = await bundleSyncCli(`cli-lock-${process.pid}`);
    stack = await openProcessChaosStack({ seed: 3, mailboxes: 2 });
    holder = await openDatabase({ url: schemaUrl(TEST_PG_URL, stack.schema) });
  }, 120_000);

  afterAll(async () => {
    await holder?.close();
    await stack?.close();
    if (cli) await rm(cli, { force: true });
  });

  it('skips the mailbox another process is syncing, syncs the rest and records its node name', async () => {
    const [busy, free] = stack.mailboxes;
    if (!busy || !free) throw new Error('two mailboxes expected');
    const { rows } = await stack.db.query<{ id: string; mailbox: string }>('SELECT id, mailbox FROM mailbox_accounts ORDER BY mailbox');
    const busyAccount = rows.find((row) => row.mailbox === busy.smtpAddress);
    if (!busyAccount) throw new Error('account of the busy mailbox not found');
    const exit = await holder.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MAILBOX_LOCK_SPACE, busyAccount.id]);
      return startBackend(cli, { ...stack.backendEnv, TANDEM_NODE_NAME: 'cli-node' }).exited;
    });
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain(`${busy.smtpAddress}: skipped (already running on another node)`);
    expect(exit.stdout).toMatch(new RegExp(`${free.smtpAddress.replace('.', '\\.')}: synced`));
    const runs = await stack.db.query<{ node: string | null; account_id: string }>('SELECT node, account_id FROM sync_runs');
    expect(runs.rows.length).toBeGreaterThan(0);
    expect(runs.rows.every((run) => run.node === 'cli-node' && run.account_id !== busyAccount.id)).toBe(true);
  }, 120_000);
});

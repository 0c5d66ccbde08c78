import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/database';
import { openDatabase } from '../../../server/src/db/open-database';
import { createMailboxExclusivity } from '../../../server/src/jobs/mailbox-exclusivity';
import type { MailboxRunOutcome } from '../../../server/src/sync/mailbox-sync.service';
import { availableBackends, TEST_PG_URL } from '../../support/test-databases';

const backends = await availableBackends();
const synced: MailboxRunOutcome = { status: 'synced', runId: 'r', counts: { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 } };

/** A run that lasts until released, so a second one can be tried meanwhile. */
function heldRun() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  const run = async () => {
    started = true;
    await gate;
    return synced;
  };
  return { run, release: () => release(), started: () => started };
}

async function untilStarted(run: { started: () => boolean }): Promise<void> {
  for (let i = 0; i < 200 && !run.started(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(run.started()).toBe(true);
}

describe('one run per mailbox at a time, within one process (embedded database)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => db.close());

  it('skips a second run of the same mailbox ("Run now" during a cycle) but not of another one', async () => {
    const exclusive = createMailboxExclusivity(db);
    const first = heldRun();
    const running = exclusive('acc-1', first.run);
    await untilStarted(first);
    expect(await exclusive('acc-1', async () => synced)).toEqual({ status: 'skipped', reason: 'already running in this process' });
    expect(await exclusive('acc-2', async () => synced)).toEqual(synced);
    first.release();
    expect(await running).toEqual(synced);
    expect(await exclusive('acc-1', async () => synced)).toEqual(synced);
  });
});

describe.runIf(backends.includes('postgres'))('one run per mailbox at a time, across processes (PostgreSQL advisory lock)', () => {
  // Two pools stand for two backend processes: the lock lives on a connection, not in memory.
  const nodes: Database[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) nodes.push(await openDatabase({ url: TEST_PG_URL }));
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
  });

  it('skips the mailbox on the other node while it runs, and frees it when the run ends or fails', async () => {
    const [a, b] = nodes.map((node) => createMailboxExclusivity(node));
    if (!a || !b) throw new Error('two nodes expected');
    const account = randomUUID();
    const first = heldRun();
    const running = a(account, first.run);
    await untilStarted(first);
    expect(await b(account, async () => synced)).toEqual({ status: 'skipped', reason: 'already running on another node' });
    expect(await b(randomUUID(), async () => synced)).toEqual(synced);
    first.release();
    expect(await running).toEqual(synced);
    await expect(b(account, async () => Promise.reject(new Error('engine failed')))).rejects.toThrow('engine failed');
    expect(await a(account, async () => synced)).toEqual(synced);
  });
});

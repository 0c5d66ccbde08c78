import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBackends } from '../support/test-databases';
import { contactsOnBothSides, findOverlaps, readRuns } from './support/two-backends-evidence';
import { startBackend, type BackendProcess } from './support/two-backends-process';
import { openTwoBackendsStack, type TwoBackendsStack } from './support/two-backends-stack';

/**
 * Issue #4 with the full product: two processes of the real backend (`server/src/main.ts`,
 * configured only through the environment and TANDEM_CONFIG) share one PostgreSQL schema
 * and sync six sandbox mailboxes over EWS. The evidence comes from what the product itself
 * wrote: `sync_runs` (with the node that ran each run), the CRM tables and the sandbox.
 */
const backends = await availableBackends();

const MAILBOXES = 6;
const SEEDED_CONTACTS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} took longer than ${ms} ms`)))]);
}

describe.runIf(backends.includes('postgres'))('two real backend processes on one PostgreSQL schema, against the Exchange sandbox', () => {
  let stack: TwoBackendsStack;
  const processes: BackendProcess[] = [];

  beforeAll(async () => {
    stack = await openTwoBackendsStack({ mailboxes: MAILBOXES, contactsPerMailbox: SEEDED_CONTACTS });
    // Every EWS answer waits, so a mailbox run lasts long enough for the next cycle's job to be queued while it is active.
    stack.sandbox.control.injectFaults({ latencyMs: 150 });
  }, 30_000);

  afterAll(async () => {
    for (const backend of processes) backend.kill();
    await stack?.close();
  }, 30_000);

  // A cycle due at once (what a short batch interval would do): both nodes' ticks race to
  // claim it, and each mailbox gets a new job while its previous run may still be active.
  const forceCycle = () => stack.db.query('UPDATE sync_batch_settings SET next_run_at = now()');

  /** Keeps cycles coming until every mailbox has a finished run that started after `since`. */
  async function syncEveryMailboxAfter(since: Date, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const runs = await readRuns(stack.db);
      if (stack.mailboxes.every((mailbox) => runs.some((run) => run.account === mailbox.smtpAddress && run.startedAt > since && run.finishedAt !== null))) return;
      if (Date.now() > deadline) throw new Error(`not every mailbox was synced within ${timeoutMs} ms after ${since.toISOString()}`);
      await forceCycle();
      await sleep(1500);
    }
  }

  function addOutlookContacts(givenName: string, tag: string): Date {
    for (const [m, mailbox] of stack.mailboxes.entries()) stack.addContact(mailbox.smtpAddress, givenName, `M${m}-${tag}`);
    return new Date();
  }

  it('share the mailboxes, never sync one mailbox twice at once, import every Exchange contact exactly once, and follow the B6 node setting', async () => {
    const started = performance.now();
    for (const node of ['node-a', 'node-b']) {
      processes.push(startBackend(node, { ...stack.backendEnv, TANDEM_NODE_NAME: node, DATA_DIR: stack.dataDir(node) }));
    }
    let urls: string[];
    try {
      urls = await within(Promise.all(processes.map((backend) => backend.listening)), 40_000, 'starting both backends');
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${processes.map((p) => `--- ${p.name}\n${p.logTail()}`).join('\n')}`);
    }

    // Phase 1, no node named: both share. Six forced cycles, then an Outlook edit in every mailbox.
    for (let i = 0; i < 6; i++) {
      await forceCycle();
      await sleep(1500);
    }
    await syncEveryMailboxAfter(addOutlookContacts('Later', 'Added'), 30_000);

    // Phase 2, B6: the admin names node-b. node-a finishes what it holds, then takes no job.
    await stack.db.query(`UPDATE sync_batch_settings SET body = jsonb_set(body, '{node}', '"node-b"')`);
    await sleep(2500);
    const handOverDeadline = Date.now() + 20_000;
    while ((await readRuns(stack.db)).some((run) => run.node === 'node-a' && run.finishedAt === null) && Date.now() < handOverDeadline) await sleep(250);
    const switched = new Date();
    await syncEveryMailboxAfter(addOutlookContacts('After', 'Switch'), 30_000);
    // node-a still serves the API.
    expect((await fetch(`${urls[0] ?? ''}/readyz`)).status).toBe(200);

    const exitCodes = await within(Promise.all(processes.map((backend) => backend.stop())), 30_000, 'stopping both backends');
    expect(exitCodes).toEqual([0, 0]);

    const runs = await readRuns(stack.db);
    const perNode = Object.fromEntries(['node-a', 'node-b'].map((node) => [node, runs.filter((run) => run.node === node).length]));
    console.info(`two backends: ${runs.length} mailbox runs (${JSON.stringify(perNode)}) over ${MAILBOXES} mailboxes in ${Math.round(performance.now() - started)} ms`);
    expect(findOverlaps(runs)).toEqual([]);
    const shared = runs.filter((run) => run.startedAt < switched);
    expect(new Set(shared.map((run) => run.node))).toEqual(new Set(['node-a', 'node-b']));
    expect(new Set(runs.map((run) => run.account))).toEqual(new Set(stack.mailboxes.map((mailbox) => mailbox.smtpAddress)));
    expect(runs.filter((run) => run.finishedAt === null || run.error !== null)).toEqual([]);
    expect(shared.length).toBeGreaterThan(2 * MAILBOXES);
    const afterSwitch = runs.filter((run) => run.startedAt >= switched);
    expect(afterSwitch.length).toBeGreaterThanOrEqual(MAILBOXES);
    expect(afterSwitch.filter((run) => run.node !== 'node-b')).toEqual([]);

    // Every contact made in Outlook is in the CRM exactly once. The rule also exports CRM
    // contacts to the other mailboxes; those copies are paired with the same CRM record, so
    // a mailbox may hold more, but never a name twice, and each item has exactly one pair.
    const contacts = await contactsOnBothSides(stack);
    const madeInOutlook = stack.mailboxes
      .flatMap((_mailbox, m) => [...Array.from({ length: SEEDED_CONTACTS }, (_, c) => `Given${c} M${m}-Seed${c}`), `Later M${m}-Added`, `After M${m}-Switch`])
      .sort();
    expect(contacts.crm).toEqual(madeInOutlook);
    for (const [m, mailbox] of stack.mailboxes.entries()) {
      const found = contacts.mailboxes[mailbox.smtpAddress];
      expect(found?.exchange).toEqual(expect.arrayContaining(madeInOutlook.filter((name) => name.includes(`M${m}-`))));
      expect(new Set(found?.exchange).size).toBe(found?.exchange.length);
      expect(found?.exchange.every((name) => madeInOutlook.includes(name))).toBe(true);
      expect(found).toMatchObject({ pairedItems: found?.exchange.length, distinctPairedItems: found?.exchange.length });
    }
  }, 90_000);
});

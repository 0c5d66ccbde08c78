import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import {
  BasePropertySet,
  ExchangeService,
  ExchangeVersion,
  FolderId,
  ItemId,
  PropertySet,
  SyncFolderItemsScope,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { EwsClient } from '../server/src/exchange/ews/ews-client';
import type { ItemRef } from '../server/src/exchange/ews/ews-types';
import { MAX_CHANGES_PER_SYNC } from '../server/src/exchange/ews/sync-folder-items';
import { contactId, contactNumber, getItemResponse, syncFolderItemsResponse } from './ews-client-fixtures';

const SYNC_PAGE = 512;
const GET_BATCH = 100;
const FOLDER_SIZE = 10_000;

/**
 * One local HTTP server answering SyncFolderItems (a folder of FOLDER_SIZE contacts, paged
 * by the requested MaxChangesReturned) and GetItem (whatever ids were asked for).
 */
async function startFakeEws(): Promise<{ url: string; calls: Map<string, number>; close: () => Promise<void> }> {
  const calls = new Map<string, number>();
  const fixedSync = syncFolderItemsResponse(0, SYNC_PAGE, 'state-1', false);
  const getItemCache = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      res.setHeader('content-type', 'text/xml; charset=utf-8');
      if (body.includes('SyncFolderItems')) {
        calls.set('SyncFolderItems', (calls.get('SyncFolderItems') ?? 0) + 1);
        const state = /SyncState>state-(\d+)</.exec(body);
        if (!body.includes('folder-sim')) return res.end(fixedSync);
        const offset = state ? Number(state[1]) : 0;
        const max = Number(/MaxChangesReturned>(\d+)</.exec(body)?.[1] ?? SYNC_PAGE);
        const count = Math.min(max, FOLDER_SIZE - offset);
        return res.end(syncFolderItemsResponse(offset, count, `state-${offset + count}`, offset + count >= FOLDER_SIZE));
      }
      calls.set('GetItem', (calls.get('GetItem') ?? 0) + 1);
      const ids = [...body.matchAll(/ItemId Id="([^"]+)"/g)].map((m) => contactNumber(m[1] ?? ''));
      // Cached by request so both clients are timed on decoding, not on this server building answers.
      const key = ids.join(',');
      let answer = getItemCache.get(key);
      if (!answer) getItemCache.set(key, (answer = getItemResponse(ids)));
      return res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function timePerCall(iterations: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await run();
  return Number(process.hrtime.bigint() - started) / 1e6 / iterations;
}

function format(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

export async function runEwsClientBench(): Promise<void> {
  const fake = await startFakeEws();
  const ours = EwsClient.create({ url: fake.url, credentials: { kind: 'basic', username: 'bench', password: 'bench' }, readBatchSize: GET_BATCH });
  const theirs = new ExchangeService(ExchangeVersion.Exchange2013_SP1);
  theirs.Credentials = new WebCredentials('bench', 'bench');
  theirs.Url = new Uri(fake.url);
  const ids = Array.from({ length: GET_BATCH }, (_, n) => contactId(n));

  console.log(`EWS client bench — ${os.cpus().length} cores, Node ${process.version}; responses from a local HTTP server`);
  console.log(`  sizes: SyncFolderItems ${SYNC_PAGE} changes = ${(syncFolderItemsResponse(0, SYNC_PAGE, 's', false).length / 1024).toFixed(0)} KiB; GetItem ${GET_BATCH} contacts = ${(getItemResponse(ids.map(contactNumber)).length / 1024).toFixed(0)} KiB`);
  try {
    const iterations = 20;
    const oursSync = await timePerCall(iterations, async () => {
      const result = await ours.syncFolderItems({ folderId: { distinguished: 'contacts' }, maxChanges: SYNC_PAGE });
      if (result.changes.length !== SYNC_PAGE) throw new Error('our client decoded the wrong number of changes');
    });
    const theirsSync = await timePerCall(iterations, async () => {
      const result = await theirs.SyncFolderItems(new FolderId(WellKnownFolderName.Contacts), PropertySet.IdOnly, [], SYNC_PAGE, SyncFolderItemsScope.NormalItems, "");
      if (result.Count !== SYNC_PAGE) throw new Error('ews-javascript-api decoded the wrong number of changes');
    });
    const oursGet = await timePerCall(iterations, async () => {
      const outcomes = await ours.getItem({ itemIds: ids.map((id) => ({ id })) });
      if (outcomes.filter((o) => o.ok).length !== GET_BATCH) throw new Error('our client decoded the wrong number of items');
    });
    const theirsGet = await timePerCall(iterations, async () => {
      const responses = await theirs.BindToItems(ids.map((id) => new ItemId(id)), new PropertySet(BasePropertySet.FirstClassProperties));
      if (responses.Count !== GET_BATCH) throw new Error('ews-javascript-api decoded the wrong number of items');
    });
    console.log(`  SyncFolderItems (${SYNC_PAGE} changes): ours ${format(oursSync)}/call, ews-javascript-api ${format(theirsSync)}/call, ratio ${(theirsSync / oursSync).toFixed(1)}x (goal >= 5x)`);
    console.log(`  GetItem (${GET_BATCH} contacts):       ours ${format(oursGet)}/call, ews-javascript-api ${format(theirsGet)}/call, ratio ${(theirsGet / oursGet).toFixed(1)}x (goal >= 5x)`);

    fake.calls.clear();
    let state: string | undefined;
    let fetched = 0;
    // Ids are pooled across sync pages so every GetItem is full (512 is not a multiple of 100).
    let pending: ItemRef[] = [];
    for (;;) {
      const page = await ours.syncFolderItems({ folderId: { id: 'folder-sim' }, syncState: state });
      pending.push(...page.changes.flatMap((c) => ('item' in c && c.item.itemId ? [c.item.itemId] : [])));
      const full = pending.length - (pending.length % GET_BATCH);
      if (full > 0) fetched += (await ours.getItem({ itemIds: pending.slice(0, full) })).length;
      pending = pending.slice(full);
      state = page.syncState;
      if (page.includesLastItemInRange) break;
    }
    if (pending.length > 0) fetched += (await ours.getItem({ itemIds: pending })).length;
    const syncCalls = fake.calls.get('SyncFolderItems') ?? 0;
    const getCalls = fake.calls.get('GetItem') ?? 0;
    const minimum = Math.ceil(FOLDER_SIZE / MAX_CHANGES_PER_SYNC) + Math.ceil(FOLDER_SIZE / GET_BATCH);
    console.log(
      `  initial sync of a ${FOLDER_SIZE}-contact folder (local stand-in, not the sandbox): ${syncCalls} SyncFolderItems + ${getCalls} GetItem = ${syncCalls + getCalls} round trips for ${fetched} items; minimum ${minimum} (ceil(${FOLDER_SIZE}/${MAX_CHANGES_PER_SYNC}) + ceil(${FOLDER_SIZE}/${GET_BATCH}))`,
    );
  } finally {
    ours.close();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEwsClientBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

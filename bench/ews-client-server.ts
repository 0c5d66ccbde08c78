import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contactNumber, getItemResponse, syncFolderItemsResponse } from './ews-client-fixtures';

export const SYNC_PAGE = 512;
export const FOLDER_SIZE = 10_000;

/** What one client sent and received, so the bench can show both did the same exchange. */
export interface WireStats {
  calls: number;
  requestBytes: number;
  responseBytes: number;
  baseShapes: Set<string>;
}

export interface FakeEws {
  readonly url: string;
  /** Per operation, per User-Agent. */
  readonly wire: Map<string, WireStats>;
  close(): Promise<void>;
}

function record(wire: Map<string, WireStats>, key: string, request: Buffer, response: Buffer): void {
  let stats = wire.get(key);
  if (!stats) wire.set(key, (stats = { calls: 0, requestBytes: 0, responseBytes: 0, baseShapes: new Set() }));
  stats.calls += 1;
  stats.requestBytes += request.length;
  stats.responseBytes += response.length;
  const shape = /BaseShape>(\w+)</.exec(request.toString('latin1'))?.[1];
  if (shape) stats.baseShapes.add(shape);
}

/**
 * One local HTTP server answering SyncFolderItems (a fixed page, or a folder of
 * FOLDER_SIZE contacts paged by the requested MaxChangesReturned) and GetItem (whatever
 * ids were asked for). Answers are encoded once and cached as bytes, so the server's own
 * cost per call is as small as possible and the same for both clients: what differs
 * between the two timings is the clients' work.
 */
export async function startFakeEws(): Promise<FakeEws> {
  const wire = new Map<string, WireStats>();
  const fixedSync = Buffer.from(syncFolderItemsResponse(0, SYNC_PAGE, 'state-1', false), 'utf8');
  const getItemCache = new Map<string, Buffer>();
  const answer = (body: string): { operation: string; bytes: Buffer } => {
    if (body.includes('SyncFolderItems')) {
      if (!body.includes('folder-sim')) return { operation: 'SyncFolderItems', bytes: fixedSync };
      const offset = Number(/SyncState>state-(\d+)</.exec(body)?.[1] ?? 0);
      const max = Number(/MaxChangesReturned>(\d+)</.exec(body)?.[1] ?? SYNC_PAGE);
      const count = Math.min(max, FOLDER_SIZE - offset);
      const page = syncFolderItemsResponse(offset, count, `state-${offset + count}`, offset + count >= FOLDER_SIZE);
      return { operation: 'SyncFolderItems(paged)', bytes: Buffer.from(page, 'utf8') };
    }
    const ids = [...body.matchAll(/ItemId Id="([^"]+)"/g)].map((m) => contactNumber(m[1] ?? ''));
    const key = ids.join(',');
    let bytes = getItemCache.get(key);
    if (!bytes) getItemCache.set(key, (bytes = Buffer.from(getItemResponse(ids), 'utf8')));
    return { operation: 'GetItem', bytes };
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = Buffer.concat(chunks);
      const { operation, bytes } = answer(request.toString('utf8'));
      record(wire, `${operation} ${req.headers['user-agent'] ?? '?'}`, request, bytes);
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': bytes.length });
      res.end(bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    wire,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

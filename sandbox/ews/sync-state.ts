import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SyncPosition {
  readonly epoch: string;
  /** Folder id for item sync; mailbox address for hierarchy sync. */
  readonly scope: string;
  readonly seq: number;
}

const MAC_BYTES = 16;

/**
 * Sync states are opaque to clients (Exchange's are gzip'd blobs). The sandbox's are
 * base64(JSON ‖ HMAC) so a client that edits, truncates or replays one against another
 * folder gets ErrorInvalidSyncStateData, as with real Exchange.
 */
export function encodeSyncState(key: Buffer, position: SyncPosition): string {
  const payload = Buffer.from(JSON.stringify([position.epoch, position.scope, position.seq]), 'utf8');
  return Buffer.concat([payload, mac(key, payload)]).toString('base64');
}

export function decodeSyncState(key: Buffer, state: string): SyncPosition | undefined {
  const raw = Buffer.from(state.trim(), 'base64');
  if (raw.length <= MAC_BYTES) return undefined;
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  const given = raw.subarray(raw.length - MAC_BYTES);
  if (!timingSafeEqual(given, mac(key, payload))) return undefined;
  const parsed: unknown = JSON.parse(payload.toString('utf8'));
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [epoch, scope, seq] = parsed as unknown[];
  if (typeof epoch !== 'string' || typeof scope !== 'string' || typeof seq !== 'number') return undefined;
  return { epoch, scope, seq };
}

function mac(key: Buffer, payload: Buffer): Buffer {
  return createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);
}

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SecretBoxError } from './secret-box';

export const SECRETS_KEY_FILE = 'secrets.key';

export interface SecretsKeySource {
  /** SECRETS_KEY, already decoded by the config. */
  readonly configured?: Buffer;
  readonly dataDir: string;
  readonly logger: Logger;
}

function readKeyFile(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new SecretBoxError(`The key file ${file} does not hold 32 base64-encoded bytes`);
  // Owner-only: someone may have copied the data directory with looser permissions.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return key;
}

/**
 * The key comes from SECRETS_KEY. Without it (embedded mode only; config refuses that in
 * production and with a database server) a generated key is kept in the data directory so
 * `npm start` needs no set-up. That puts key and ciphertext on one disk, hence the warning.
 */
export function loadSecretsKey(source: SecretsKeySource): Buffer {
  if (source.configured) return source.configured;
  const file = join(source.dataDir, SECRETS_KEY_FILE);
  let key: Buffer;
  try {
    key = readKeyFile(file);
    source.logger.warn({ file }, 'SECRETS_KEY is not set: using the key file in the data directory; set SECRETS_KEY for production');
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
    mkdirSync(source.dataDir, { recursive: true });
    key = randomBytes(32);
    // `wx` so two processes starting together never overwrite each other's key.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    source.logger.warn({ file }, 'SECRETS_KEY is not set: generated a new key into the data directory; set SECRETS_KEY for production');
  }
  return key;
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecretsKey, SECRETS_KEY_FILE } from '../../../server/src/secrets/load-secrets-key';
import { SecretBox, SecretBoxError } from '../../../server/src/secrets/secret-box';

const box = new SecretBox(randomBytes(32));

function flipBase64Char(part: string): string {
  const first = part[0] === 'A' ? 'B' : 'A';
  return `${first}${part.slice(1)}`;
}

describe('SecretBox', () => {
  it('opens what it sealed, including empty and non-ASCII text', () => {
    for (const plain of ['client-secret-value', '', 'Pässwörd ✓ 密码']) {
      expect(box.open(box.seal(plain))).toBe(plain);
    }
  });

  it('seals in the versioned envelope v1:<iv>:<tag>:<ciphertext> with a 96-bit IV and a 128-bit tag', () => {
    const [version, iv, tag, ciphertext, ...rest] = box.seal('secret').split(':');
    expect(version).toBe('v1');
    expect(Buffer.from(iv ?? '', 'base64')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext ?? '', 'base64')).toHaveLength('secret'.length);
    expect(rest).toEqual([]);
  });

  it('produces a different sealed value each time for the same plaintext (random IV)', () => {
    const sealed = new Set(Array.from({ length: 20 }, () => box.seal('same')));
    expect(sealed.size).toBe(20);
    const ivs = new Set([...sealed].map((value) => value.split(':')[1]));
    expect(ivs.size).toBe(20);
  });

  it('never contains the plaintext', () => {
    const plain = 'very-recognisable-password';
    const sealed = box.seal(plain);
    expect(sealed).not.toContain(plain);
    expect(sealed).not.toContain(Buffer.from(plain).toString('base64'));
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 2],
    ['iv', 1],
  ])('refuses a value whose %s was altered', (_part, index) => {
    const parts = box.seal('secret').split(':');
    parts[index] = flipBase64Char(parts[index] ?? '');
    expect(() => box.open(parts.join(':'))).toThrow(SecretBoxError);
    expect(() => box.open(parts.join(':'))).toThrow(/integrity check|damaged/);
  });

  it('refuses a value sealed with another key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => box.open(other.seal('secret'))).toThrow(/integrity check/);
  });

  it('refuses a value opened under another context than it was sealed for', () => {
    const sealed = box.seal('secret', 'exchange-server:1');
    expect(box.open(sealed, 'exchange-server:1')).toBe('secret');
    expect(() => box.open(sealed, 'exchange-server:2')).toThrow(SecretBoxError);
  });

  it.each(['plain text', 'v2:AAAA:AAAA:AAAA', 'v1:only:three', 'v1:!!!:AAAA:AAAA', ''])('explains that %j is not a sealed secret it can open', (value) => {
    expect(() => box.open(value)).toThrow(SecretBoxError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretsKey', () => {
  const dirs: string[] = [];
  const logger = pino({ level: 'silent' });
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-secrets-'));
    dirs.push(dir);
    return dir;
  }

  it('uses the configured key and writes no key file', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    expect(loadSecretsKey({ configured: key, dataDir: dir, logger })).toEqual(key);
    expect(() => statSync(join(dir, SECRETS_KEY_FILE))).toThrow();
  });

  it('generates a key into the data directory with mode 0600, warns, and reuses it on the next start', () => {
    const dir = join(tempDir(), 'nested');
    const lines: string[] = [];
    const capturing = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const first = loadSecretsKey({ dataDir: dir, logger: capturing });
    expect(statSync(join(dir, SECRETS_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(lines.join('')).toMatch(/SECRETS_KEY is not set/);
    expect(lines.join('')).not.toContain(first.toString('base64'));
    const second = loadSecretsKey({ dataDir: dir, logger });
    expect(second).toEqual(first);
    const sealed = new SecretBox(first).seal('kept');
    expect(new SecretBox(second).open(sealed)).toBe('kept');
  });

  it('refuses a damaged key file instead of silently replacing the key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SECRETS_KEY_FILE), 'too-short', { mode: 0o600 });
    expect(() => loadSecretsKey({ dataDir: dir, logger })).toThrow(/32 base64-encoded bytes/);
    expect(readFileSync(join(dir, SECRETS_KEY_FILE), 'utf8')).toBe('too-short');
  });
});

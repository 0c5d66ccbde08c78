import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ENVELOPE_VERSION = 'v1';
const KEY_BYTES = 32;
// 96-bit IVs are GCM's native size (NIST SP 800-38D); random per value, so never reused under one key.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

function decodePart(part: string | undefined, what: string): Buffer {
  if (part === undefined || !BASE64.test(part)) throw new SecretBoxError(`Sealed secret is damaged (${what} is not base64)`);
  return Buffer.from(part, 'base64');
}

/**
 * Seals stored secrets (client secrets, passwords) with AES-256-GCM (REQUIREMENTS E3).
 * Envelope: `v1:<iv>:<tag>:<ciphertext>`, each part base64. The version names the key and
 * algorithm generation, so a later key can be introduced while `v1` values still open.
 * `context` (optional) binds a value to where it is stored, e.g. `exchange-server:42`, so a
 * sealed value copied into another row does not open there.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new SecretBoxError(`The secrets key must be ${KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  seal(plain: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [ENVELOPE_VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  open(sealed: string, context = ''): string {
    const parts = sealed.split(':');
    if (parts.length !== 4) throw new SecretBoxError('Not a sealed secret (expected version:iv:tag:ciphertext)');
    const [version, ivPart, tagPart, ciphertextPart] = parts;
    if (version !== ENVELOPE_VERSION) throw new SecretBoxError(`Sealed secret has the unknown envelope version "${version ?? ''}"`);
    const iv = decodePart(ivPart, 'iv');
    const tag = decodePart(tagPart, 'tag');
    const ciphertext = decodePart(ciphertextPart, 'ciphertext');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('Sealed secret is damaged (wrong iv or tag length)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('Sealed secret failed its integrity check: it was altered, or sealed with another key or context');
    }
  }
}

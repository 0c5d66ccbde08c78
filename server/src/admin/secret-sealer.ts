/**
 * Encrypts secrets for storage (E3). The platform's SecretBox (AES-256-GCM, key from the
 * environment) implements it; nothing in the admin code ever stores or returns a secret
 * in the clear.
 */
export interface SecretSealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

import type { SecretSealer } from '../../../server/src/admin/secret-sealer';

/** Reversible and visibly different from the plaintext, standing in for the platform's SecretBox. */
export const fakeSealer: SecretSealer = {
  seal: (plaintext) => `sealed:${Buffer.from(plaintext, 'utf8').toString('base64')}`,
  open: (sealed) => Buffer.from(sealed.replace(/^sealed:/, ''), 'base64').toString('utf8'),
};

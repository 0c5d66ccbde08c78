import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuth } from '../../../server/src/app/build-auth';
import { listen } from '../../../server/src/app/listen';
import { loadConfig } from '../../../server/src/config';

const dir = mkdtempSync(join(tmpdir(), 'tandem-tls-'));
let certFile: string;
let keyFile: string;
let certPem: string;

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  certPem = pems.cert;
  certFile = join(dir, 'cert.pem');
  keyFile = join(dir, 'key.pem');
  writeFileSync(certFile, pems.cert);
  writeFileSync(keyFile, pems.private);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function getOverTls(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS', () => {
  it('serves over TLS with the configured certificate and key, and closes cleanly', async () => {
    const listening = await listen((_req, res) => res.end('secure'), { host: '127.0.0.1', port: 0, tls: { certFile, keyFile } });
    try {
      expect(listening.loopbackUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await expect(getOverTls(`${listening.loopbackUrl}/`, certPem)).resolves.toEqual({ status: 200, body: 'secure' });
    } finally {
      await listening.close();
    }
    expect(listening.server.listening).toBe(false);
  });

  it('verifies development-issuer tokens without fetching its own JWKS over the untrusted certificate', async () => {
    const config = loadConfig({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, DATA_DIR: dir, NODE_ENV: 'test', AUTH_LOCAL_ISSUER: 'true' });
    const auth = await buildAuth(config, () => 'https://127.0.0.1:1');
    if (!auth.localIssuer) throw new Error('the development issuer should be on');
    const { token } = await auth.localIssuer.mint({ subject: 'tls-user', admin: true });
    await expect(auth.verifyToken(token)).resolves.toMatchObject({ subject: 'tls-user', roles: ['user', 'admin'], tenantId: 'local' });
  });
});

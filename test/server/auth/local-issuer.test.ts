import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalIssuer } from '../../../server/src/auth/local-issuer';
import { localIssuerRoutes } from '../../../server/src/auth/local-issuer.routes';
import { errorMiddleware } from '../../../server/src/http/error-middleware';

const dir = mkdtempSync(join(tmpdir(), 'tandem-issuer-'));
const ISSUER = 'http://localhost:3000/auth/local';
const options = { issuer: ISSUER, audience: 'api://tandem', tenantId: 'local', adminRole: 'Tandem.Admin' };

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function issuerApp(keyFile?: string) {
  const issuer = await createLocalIssuer({ ...options, ...(keyFile ? { keyFile } : {}) });
  const app = express();
  app.use('/auth/local', express.json(), localIssuerRoutes(issuer));
  app.use(errorMiddleware);
  return { app, issuer };
}

describe('the development issuer', () => {
  it('publishes OpenID metadata pointing at its JWKS, which holds only the public key', async () => {
    const { app } = await issuerApp();
    const metadata = (await request(app).get('/auth/local/.well-known/openid-configuration')).body;
    expect(metadata).toMatchObject({ issuer: ISSUER, jwks_uri: `${ISSUER}/jwks.json`, token_endpoint: `${ISSUER}/token` });
    const jwks = (await request(app).get('/auth/local/jwks.json')).body;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('mints a token with the Entra-shaped claims for the requested user and roles', async () => {
    const { app } = await issuerApp();
    const response = await request(app).post('/auth/local/token').send({ subject: 'dev-1', email: 'dev@example.com', name: 'Dev', admin: true, roles: ['Other'] });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const claims = decodeJwt(response.body.access_token);
    expect(claims).toMatchObject({ iss: ISSUER, aud: 'api://tandem', sub: 'dev-1', oid: 'dev-1', tid: 'local', preferred_username: 'dev@example.com', name: 'Dev', roles: ['Other', 'Tandem.Admin'] });
    expect(decodeProtectedHeader(response.body.access_token)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  });

  it('refuses a token request with unknown fields or an out-of-range lifetime, in the error shape', async () => {
    const { app } = await issuerApp();
    const unknown = await request(app).post('/auth/local/token').send({ subject: 'x', issuer: 'https://evil.example.com' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('validation_failed');
    const forever = await request(app).post('/auth/local/token').send({ subject: 'x', expiresInSeconds: 10 ** 9 });
    expect(forever.status).toBe(400);
    expect((await request(app).post('/auth/local/token').send({})).status).toBe(400);
  });

  it('keeps its key in the key file (mode 0600), so tokens minted before a restart stay valid', async () => {
    const keyFile = join(dir, 'local-issuer-key.json');
    const first = await createLocalIssuer({ ...options, keyFile });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const second = await createLocalIssuer({ ...options, keyFile });
    expect(second.jwks).toEqual(first.jwks);
    const throwaway = await createLocalIssuer(options);
    expect(throwaway.jwks.keys[0]?.kid).not.toBe(first.jwks.keys[0]?.kid);
  });
});

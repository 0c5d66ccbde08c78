import { generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIssuerServer, TEST_TENANT, type IssuerServer } from './support/issuer-server';
import { buildTestApp } from './support/test-app';

let issuerServer: IssuerServer;
let app: Express;

beforeAll(async () => {
  issuerServer = await startIssuerServer();
  ({ app } = buildTestApp({ issuerUrl: issuerServer.issuerUrl }));
});

afterAll(async () => {
  await issuerServer.close();
});

async function mint(overrides: Parameters<IssuerServer['issuer']['mint']>[0] = { subject: 'user-1' }): Promise<string> {
  return (await issuerServer.issuer.mint(overrides)).token;
}

function expectInvalidToken(response: request.Response): void {
  expect(response.status).toBe(401);
  expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
  expect(response.body).toEqual({ error: { code: 'unauthorized', message: 'The bearer token is invalid or expired', requestId: expect.any(String) } });
}

describe('bearer authentication on /api', () => {
  it('answers 401 with a Bearer challenge and no error code when no token is sent', async () => {
    const response = await request(app).get('/api/probe/whoami');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="tandem"');
    expect(response.body.error.code).toBe('unauthorized');
  });

  it('answers 401 invalid_request when the Authorization header is not a bearer JWT', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-jwt', `Bearer ${'a.b'}`]) {
      const response = await request(app).get('/api/probe/whoami').set('Authorization', header);
      expect(response.status, header).toBe(401);
      expect(response.headers['www-authenticate'], header).toContain('error="invalid_request"');
    }
  });

  it('answers 401 invalid_token for a token whose parts are not a valid JWS', async () => {
    expectInvalidToken(await request(app).get('/api/probe/whoami').set('Authorization', 'Bearer aaaa.bbbb.cccc'));
  });

  it('answers 401 for a token signed by another key under the issuer key id (forged)', async () => {
    const genuine = await mint();
    const [headerPart] = genuine.split('.');
    const header = JSON.parse(Buffer.from(headerPart ?? '', 'base64url').toString('utf8')) as { kid: string };
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ oid: 'attacker', tid: TEST_TENANT, roles: ['Tandem.Admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: header.kid })
      .setIssuer(issuerServer.issuerUrl)
      .setAudience('api://tandem-test')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expectInvalidToken(await request(app).post('/api/probe/items/1').set('Authorization', `Bearer ${forged}`).send({ name: 'x' }));
  });

  it('answers 401 for a token with alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ oid: 'x', tid: TEST_TENANT, iss: issuerServer.issuerUrl, aud: 'api://tandem-test', exp: 9_999_999_999 })).toString('base64url');
    expectInvalidToken(await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${header}.${payload}.x`));
  });

  it('answers 401 for an expired token beyond the clock tolerance', async () => {
    const expired = await mint({ subject: 'user-1', expiresInSeconds: -600 });
    expectInvalidToken(await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${expired}`));
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const barelyExpired = await mint({ subject: 'user-1', expiresInSeconds: -5 });
    const response = await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${barelyExpired}`);
    expect(response.status).toBe(200);
  });

  it('answers 401 for a token minted for another audience', async () => {
    expectInvalidToken(await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${await mint({ subject: 'u', audience: 'api://someone-else' })}`));
  });

  it('answers 401 for a token from another issuer, even when signed with a trusted key', async () => {
    const token = await mint({ subject: 'u', issuer: 'https://login.example.com/other' });
    expectInvalidToken(await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${token}`));
  });

  it('answers 401 for a token of a tenant that is not allowed', async () => {
    const token = await mint({ subject: 'u', tenantId: 'tenant-b' });
    expectInvalidToken(await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${token}`));
  });

  it('maps a valid token to the principal: oid as subject, tid, preferred_username, user role', async () => {
    const token = await mint({ subject: 'oid-42', email: 'anna@example.com', roles: ['Something.Else'] });
    const response = await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ subject: 'oid-42', tenantId: TEST_TENANT, roles: ['user'], email: 'anna@example.com' });
  });

  it('answers 403 in the error shape when a plain user calls an admin route', async () => {
    const response = await request(app).post('/api/probe/items/7').set('Authorization', `Bearer ${await mint()}`).send({ name: 'n' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });

  it('lets an admin (the configured app role in `roles`) through to an admin route', async () => {
    const token = await mint({ subject: 'admin-1', admin: true });
    const response = await request(app).post('/api/probe/items/7').set('Authorization', `Bearer ${token}`).send({ name: 'n' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: '7', name: 'n' });
  });

  it('accepts the scheme name in any letter case', async () => {
    const response = await request(app).get('/api/probe/whoami').set('Authorization', `bearer ${await mint()}`);
    expect(response.status).toBe(200);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createIssuerKeys } from '../../../server/src/auth/issuer-keys';
import { createTokenVerifier, KeysUnavailableError, TokenRejectedError } from '../../../server/src/auth/token-verifier';
import { startIssuerServer, TEST_ADMIN_ROLE, TEST_AUDIENCE, TEST_TENANT, type IssuerServer } from './support/issuer-server';
import { buildTestApp } from './support/test-app';

const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function issuerServer(): Promise<IssuerServer> {
  const server = await startIssuerServer();
  servers.push(server);
  return server;
}

function verifierFor(server: IssuerServer, cooldownDuration: number) {
  return createTokenVerifier({
    issuer: server.issuerUrl,
    audiences: [TEST_AUDIENCE],
    tenantIds: [TEST_TENANT],
    adminRole: TEST_ADMIN_ROLE,
    keys: createIssuerKeys({ issuer: server.issuerUrl, jwks: { cooldownDuration } }),
  });
}

describe('issuer keys over HTTP', () => {
  it('fetches the JWKS once and serves further tokens from the cache', async () => {
    const server = await issuerServer();
    const verify = verifierFor(server, 0);
    for (const subject of ['a', 'b', 'c']) {
      await expect(verify((await server.issuer.mint({ subject })).token)).resolves.toMatchObject({ subject });
    }
    expect(server.jwksFetches()).toBe(1);
  });

  it('refetches the JWKS exactly once when a token names an unknown kid (issuer key rollover)', async () => {
    const server = await issuerServer();
    const verify = verifierFor(server, 0);
    await verify((await server.issuer.mint({ subject: 'before' })).token);
    expect(server.jwksFetches()).toBe(1);

    await server.rotateKey();
    await expect(verify((await server.issuer.mint({ subject: 'after' })).token)).resolves.toMatchObject({ subject: 'after' });
    expect(server.jwksFetches()).toBe(2);
    await verify((await server.issuer.mint({ subject: 'again' })).token);
    expect(server.jwksFetches()).toBe(2);
  });

  it('does not refetch within the cooldown, so tokens with made-up kids cannot hammer the issuer', async () => {
    const server = await issuerServer();
    const verify = verifierFor(server, 60_000);
    await verify((await server.issuer.mint({ subject: 'first' })).token);
    await server.rotateKey();
    for (let i = 0; i < 3; i += 1) {
      await expect(verify((await server.issuer.mint({ subject: 'unknown-kid' })).token)).rejects.toBeInstanceOf(TokenRejectedError);
    }
    expect(server.jwksFetches()).toBe(1);
  });

  it('uses AUTH_JWKS_URL directly when given, without OIDC discovery', async () => {
    const server = await issuerServer();
    // Discovery against this unresolvable issuer would fail the verification.
    const keys = createIssuerKeys({ issuer: 'https://issuer.invalid', jwksUrl: () => `${server.issuerUrl}/jwks.json` });
    const verify = createTokenVerifier({ issuer: server.issuerUrl, audiences: [TEST_AUDIENCE], tenantIds: [TEST_TENANT], adminRole: TEST_ADMIN_ROLE, keys });
    await expect(verify((await server.issuer.mint({ subject: 'x' })).token)).resolves.toMatchObject({ subject: 'x' });
    expect(server.jwksFetches()).toBe(1);
  });

  it('reports unreachable keys as unavailable (503), not as the caller’s bad token, and recovers later', async () => {
    const server = await issuerServer();
    const token = (await server.issuer.mint({ subject: 'x' })).token;
    let up = false;
    const gate: Server = createServer((req, res) => {
      if (!up) {
        res.statusCode = 502;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(server.issuer.jwks));
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => gate.close(() => resolve())) });
    const jwksUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}/jwks.json`;
    const verify = createTokenVerifier({
      issuer: server.issuerUrl,
      audiences: [TEST_AUDIENCE],
      tenantIds: [TEST_TENANT],
      adminRole: TEST_ADMIN_ROLE,
      keys: createIssuerKeys({ issuer: server.issuerUrl, jwksUrl }),
    });
    await expect(verify(token)).rejects.toBeInstanceOf(KeysUnavailableError);
    up = true;
    await expect(verify(token)).resolves.toMatchObject({ subject: 'x' });
  });

  it('answers 503 in the error shape when the issuer metadata cannot be fetched', async () => {
    const server = await issuerServer();
    const token = (await server.issuer.mint({ subject: 'x' })).token;
    const { app } = buildTestApp({ issuerUrl: 'http://127.0.0.1:9/auth/local' });
    const response = await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('unavailable');
  });

  it('refuses OIDC metadata that names a different issuer', async () => {
    const server = await issuerServer();
    const pretender = `${server.url}/auth/local/`;
    const keys = createIssuerKeys({ issuer: pretender });
    const verify = createTokenVerifier({ issuer: pretender, audiences: [TEST_AUDIENCE], tenantIds: [TEST_TENANT], adminRole: TEST_ADMIN_ROLE, keys });
    await expect(verify((await server.issuer.mint({ subject: 'x', issuer: pretender })).token)).rejects.toBeInstanceOf(KeysUnavailableError);
    expect(server.jwksFetches()).toBe(0);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIssuerServer, type IssuerServer } from '../auth/support/issuer-server';
import { buildTestApp } from '../auth/support/test-app';

let issuerServer: IssuerServer;
let app: Express;
let adminToken: string;
let userToken: string;
let addinDir: string;

beforeAll(async () => {
  issuerServer = await startIssuerServer();
  addinDir = mkdtempSync(join(tmpdir(), 'tandem-addin-'));
  mkdirSync(join(addinDir, 'assets'));
  writeFileSync(join(addinDir, 'taskpane.html'), '<!doctype html><title>Tandem</title>');
  writeFileSync(join(addinDir, 'assets', 'taskpane-3f2a9c.js'), 'console.info("pane")');
  ({ app } = buildTestApp({ issuerUrl: issuerServer.issuerUrl, overrides: { addinDir } }));
  adminToken = (await issuerServer.issuer.mint({ subject: 'admin', admin: true })).token;
  userToken = (await issuerServer.issuer.mint({ subject: 'user' })).token;
});

afterAll(async () => {
  await issuerServer.close();
  rmSync(addinDir, { recursive: true, force: true });
});

describe('request bodies', () => {
  it('answers 413 in the error shape for a JSON body over the limit', async () => {
    const response = await request(app)
      .post('/api/probe/items/1')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ name: 'x'.repeat(2_000) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: { code: 'payload_too_large', message: 'The request body is too large', requestId: expect.any(String) } });
  });

  it('answers 400 in the error shape for malformed JSON', async () => {
    const response = await request(app)
      .post('/api/probe/items/1')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'bad_request', message: 'The request body is not valid JSON' });
  });

  it('checks the token before reading the body, so anonymous callers cannot make it parse', async () => {
    const response = await request(app).post('/api/probe/items/1').set('Content-Type', 'application/json').send('{"name": ');
    expect(response.status).toBe(401);
  });
});

describe('routing', () => {
  it('answers 404 JSON for an unknown /api path', async () => {
    const response = await request(app).get('/api/nothing/here').set('Authorization', `Bearer ${userToken}`);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body.error).toMatchObject({ code: 'not_found', message: 'No API route GET /api/nothing/here' });
  });

  it('answers 404 JSON for an unknown path outside /api too', async () => {
    const response = await request(app).get('/no/such/page');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_found', message: 'Nothing at GET /no/such/page' });
  });

  it('serves the public config without a token', async () => {
    const response = await request(app).get('/api/public-config');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ auth: { mode: 'local' } });
  });

  it('refuses a route group mounted outside /api', async () => {
    expect(() => buildTestApp({ issuerUrl: issuerServer.issuerUrl, overrides: { routeGroups: [{ prefix: '/crm', routes: [] }] } })).toThrow(/must be a path under \/api\//);
  });
});

describe('operations endpoints', () => {
  it('answers /healthz without a token', async () => {
    const response = await request(app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the readiness check passes', async () => {
    expect((await request(app).get('/readyz')).status).toBe(200);
  });

  it('answers /readyz 503 in the error shape when the database does not answer', async () => {
    const { app: sick } = buildTestApp({
      issuerUrl: issuerServer.issuerUrl,
      overrides: { checkReady: () => Promise.reject(new Error('connection refused')) },
    });
    const response = await request(sick).get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('unavailable');
  });

  it('exposes the request duration histogram by route template, method and status on /metrics', async () => {
    await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${userToken}`);
    await request(app).post('/api/probe/items/12').set('Authorization', `Bearer ${adminToken}`).send({ name: 'n' });
    const response = await request(app).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain('# TYPE tandem_http_request_duration_seconds histogram');
    expect(response.text).toMatch(/tandem_http_request_duration_seconds_count\{method="GET",route="\/api\/probe\/whoami",status="200"\} 1/);
    expect(response.text).toMatch(/tandem_http_request_duration_seconds_count\{method="POST",route="\/api\/probe\/items\/:id",status="201"\} 1/);
    expect(response.text).not.toMatch(/route="\/api\/probe\/items\/12"/);
    expect(response.text).toContain('process_cpu_seconds_total');
  });
});

describe('security headers', () => {
  it('sends a CSP that allows Office.js and framing by Outlook, and no X-Frame-Options', async () => {
    const response = await request(app).get('/healthz');
    const csp = response.headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com/);
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/outlook\.office\.com/);
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('returns the caller’s request id when it is a plain token, and a fresh one otherwise', async () => {
    const echoed = await request(app).get('/healthz').set('X-Request-Id', 'abc-123');
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(app).get('/healthz').set('X-Request-Id', 'evil\tvalue with spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the built add-in', () => {
  it('serves HTML for revalidation on every load', async () => {
    const response = await request(app).get('/taskpane.html');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves content-hashed assets as immutable for a year', async () => {
    const response = await request(app).get('/assets/taskpane-3f2a9c.js');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

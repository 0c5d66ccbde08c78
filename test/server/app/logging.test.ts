import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../../server/src/http/route-spec';
import { createLogger } from '../../../server/src/observability/logger';
import { startIssuerServer, type IssuerServer } from '../auth/support/issuer-server';
import { buildTestApp, probeRoutes } from '../auth/support/test-app';

const SECRET_VALUES = {
  password: 'pw-Sup3rS3cret-1',
  clientSecret: 'cs-Sup3rS3cret-2',
  mailBody: 'Dear Anna, the confidential offer is attached',
  queryToken: 'qt-Sup3rS3cret-3',
  cookie: 'session=ck-Sup3rS3cret-4',
};

let issuerServer: IssuerServer;
const lines: string[] = [];

beforeAll(async () => {
  issuerServer = await startIssuerServer();
});

afterAll(async () => {
  await issuerServer.close();
});

function capturingLogger() {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return createLogger({ level: 'debug', destination: sink });
}

describe('logs', () => {
  it('never contain a token, cookie, password, client secret or mail body, whatever the request carried', async () => {
    const logger = capturingLogger();
    const loggingRoute = defineRoute({
      method: 'post',
      path: '/accounts',
      summary: 'Logs what a careless service might log',
      tag: 'probe',
      role: 'user',
      body: z.strictObject({ password: z.string(), server: z.strictObject({ clientSecret: z.string() }), mail: z.strictObject({ body: z.string() }) }),
      handle: async ({ body }) => {
        logger.info({ account: body, token: 'not-this-one', nested: { deeper: { accessToken: 'nor-this' } } }, 'account saved');
        throw new Error('store failed');
      },
    });
    const { app } = buildTestApp({
      issuerUrl: issuerServer.issuerUrl,
      logger,
      overrides: { routeGroups: [{ prefix: '/api/probe', routes: [...probeRoutes(), loggingRoute] }], bodyLimit: '1mb' },
    });
    const { token } = await issuerServer.issuer.mint({ subject: 'user-7' });
    const expired = (await issuerServer.issuer.mint({ subject: 'user-7', expiresInSeconds: -3600 })).token;

    const saved = await request(app)
      .post(`/api/probe/accounts?access_token=${SECRET_VALUES.queryToken}&page=2`)
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', SECRET_VALUES.cookie)
      .send({ password: SECRET_VALUES.password, server: { clientSecret: SECRET_VALUES.clientSecret }, mail: { body: SECRET_VALUES.mailBody } });
    expect(saved.status).toBe(500);
    await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${expired}`);
    await request(app).get('/api/probe/whoami').set('Authorization', `Bearer ${token.slice(0, -4)}AAAA`);

    const log = lines.join('');
    expect(log).toContain('account saved');
    expect(log).toContain('bearer token rejected');
    expect(log).toContain(saved.body.error.requestId);
    expect(log).toContain('page=2');
    for (const secret of [token, expired, token.split('.')[2] ?? token, ...Object.values(SECRET_VALUES), 'not-this-one', 'nor-this']) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('[redacted]');
  });
});

import type { Express } from 'express';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import { createIssuerKeys, type IssuerKeysOptions } from '../../../../server/src/auth/issuer-keys';
import { createTokenVerifier } from '../../../../server/src/auth/token-verifier';
import { createApp, type AppDeps } from '../../../../server/src/app/create-app';
import { defineRoute, type RouteSpec } from '../../../../server/src/http/route-spec';
import { createMetrics } from '../../../../server/src/observability/metrics';
import { TEST_ADMIN_ROLE, TEST_AUDIENCE, TEST_TENANT } from './issuer-server';

/** Two routes to probe the pipeline: one for any user, one for admins, echoing what they received. */
export function probeRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/whoami',
      summary: 'Who is calling',
      tag: 'probe',
      role: 'user',
      response: z.object({ subject: z.string(), tenantId: z.string(), roles: z.array(z.string()), email: z.string().optional() }),
      handle: async ({ principal }) => ({ subject: principal.subject, tenantId: principal.tenantId, roles: [...principal.roles], ...(principal.email ? { email: principal.email } : {}) }),
    }),
    defineRoute({
      method: 'post',
      path: '/items/:id',
      summary: 'Echo an item (admins only)',
      tag: 'probe',
      role: 'admin',
      params: z.strictObject({ id: z.string().regex(/^\d+$/) }),
      query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
      body: z.strictObject({ name: z.string().min(1), password: z.string().optional() }),
      response: z.object({ id: z.string(), name: z.string() }),
      status: 201,
      handle: async ({ params, body }) => ({ id: params.id, name: body.name }),
    }),
  ];
}

export interface TestAppOptions {
  readonly issuerUrl: string;
  readonly logger?: Logger;
  readonly jwks?: IssuerKeysOptions['jwks'];
  readonly overrides?: Partial<AppDeps>;
}

/** The real app with the probe routes at `/api/probe`, trusting the given issuer. */
export function buildTestApp(options: TestAppOptions): { app: Express; deps: AppDeps } {
  const logger = options.logger ?? pino({ level: 'silent' });
  const keys = createIssuerKeys({ issuer: options.issuerUrl, ...(options.jwks ? { jwks: options.jwks } : {}) });
  const deps: AppDeps = {
    logger,
    metrics: createMetrics(),
    verifyToken: createTokenVerifier({ issuer: options.issuerUrl, audiences: [TEST_AUDIENCE], tenantIds: [TEST_TENANT], adminRole: TEST_ADMIN_ROLE, keys }),
    checkReady: async () => undefined,
    routeGroups: [{ prefix: '/api/probe', routes: probeRoutes() }],
    publicConfig: { auth: { mode: 'local' } },
    bodyLimit: '1kb',
    version: 'test',
    ...options.overrides,
  };
  return { app: createApp(deps), deps };
}

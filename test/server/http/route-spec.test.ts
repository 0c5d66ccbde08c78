import express, { type Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setPrincipal, type Role } from '../../../server/src/auth/principal';
import { errorMiddleware } from '../../../server/src/http/error-middleware';
import { defineRoute, mountRoutes, type RouteSpec } from '../../../server/src/http/route-spec';

interface Call {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** mountRoutes alone, with a stand-in for the auth middleware (`x-role` picks the caller's roles). */
function appWith(specs: RouteSpec[]): Express {
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    const role = req.header('x-role');
    if (role) setPrincipal(res, { subject: 's', tenantId: 't', roles: role === 'admin' ? ['user', 'admin'] : ['user'] });
    next();
  });
  app.use(mountRoutes(specs));
  app.use(errorMiddleware);
  return app;
}

function recordingRoute(calls: Call[], role: Role = 'user'): RouteSpec {
  return defineRoute({
    method: 'put',
    path: '/things/:id',
    summary: 'Replace a thing',
    tag: 'test',
    role,
    params: z.strictObject({ id: z.coerce.number().int().positive() }),
    query: z.strictObject({ notify: z.enum(['yes', 'no']).default('no') }),
    body: z.strictObject({ name: z.string().min(1), tags: z.array(z.string()).max(2).optional() }),
    response: z.object({ id: z.number(), name: z.string() }),
    handle: async ({ params, query, body }) => {
      calls.push({ params, query, body });
      return { id: params.id, name: body.name };
    },
  });
}

describe('mountRoutes', () => {
  it('hands the handler parsed, typed params, query (with defaults) and body, and answers its result', async () => {
    const calls: Call[] = [];
    const response = await request(appWith([recordingRoute(calls)])).put('/things/42').set('x-role', 'user').send({ name: 'lamp' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 42, name: 'lamp' });
    expect(calls).toEqual([{ params: { id: 42 }, query: { notify: 'no' }, body: { name: 'lamp' } }]);
  });

  it('refuses an invalid path parameter with 400 and a field path under params', async () => {
    const calls: Call[] = [];
    const response = await request(appWith([recordingRoute(calls)])).put('/things/abc').set('x-role', 'user').send({ name: 'lamp' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.fields).toEqual([{ path: 'params.id', message: expect.any(String) }]);
    expect(calls).toEqual([]);
  });

  it('refuses an unknown query parameter and an invalid query value', async () => {
    const app = appWith([recordingRoute([])]);
    const unknown = await request(app).put('/things/1?verbose=1').set('x-role', 'user').send({ name: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toMatch(/^query/);
    const invalid = await request(app).put('/things/1?notify=maybe').set('x-role', 'user').send({ name: 'x' });
    expect(invalid.body.error.fields).toEqual([{ path: 'query.notify', message: expect.any(String) }]);
  });

  it('refuses unknown body fields instead of silently dropping them', async () => {
    const calls: Call[] = [];
    const response = await request(appWith([recordingRoute(calls)])).put('/things/1').set('x-role', 'user').send({ name: 'x', colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ path: '', message: expect.stringContaining('colour') }]);
    expect(calls).toEqual([]);
  });

  it('names every invalid body field by its dotted path', async () => {
    const response = await request(appWith([recordingRoute([])])).put('/things/1').set('x-role', 'user').send({ name: '', tags: ['a', 'b', 'c'] });
    expect(response.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['name', 'tags']);
  });

  it('answers 403 to a plain user on an admin route without calling the handler', async () => {
    const calls: Call[] = [];
    const response = await request(appWith([recordingRoute(calls, 'admin')])).put('/things/1').set('x-role', 'user').send({ name: 'x' });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'forbidden', message: 'This action needs the admin role' });
    expect(calls).toEqual([]);
  });

  it('answers 401 when a route is reached without a principal (mounted without auth by mistake)', async () => {
    const response = await request(appWith([recordingRoute([])])).put('/things/1').send({ name: 'x' });
    expect(response.status).toBe(401);
  });

  it('answers 204 with no body for a route without a response schema, and the given status otherwise', async () => {
    const app = appWith([
      defineRoute({ method: 'delete', path: '/things/:id', summary: 'Delete', tag: 'test', role: 'user', handle: async () => undefined }),
      defineRoute({ method: 'post', path: '/things', summary: 'Create', tag: 'test', role: 'user', response: z.object({ ok: z.boolean() }), status: 201, handle: async () => ({ ok: true }) }),
    ]);
    const deleted = await request(app).delete('/things/1').set('x-role', 'user');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const created = await request(app).post('/things').set('x-role', 'user').send({});
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ok: true });
  });

  it('turns a handler failure into a 500 in the error shape without echoing its message', async () => {
    const app = appWith([
      defineRoute({ method: 'get', path: '/boom', summary: 'Fails', tag: 'test', role: 'user', response: z.object({}), handle: async () => { throw new Error('db password is hunter2'); } }),
    ]);
    const response = await request(app).get('/boom').set('x-role', 'user');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
  });
});

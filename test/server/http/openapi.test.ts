import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument, toOpenApiPath } from '../../../server/src/http/openapi';
import { defineRoute } from '../../../server/src/http/route-spec';
import { startIssuerServer, type IssuerServer } from '../auth/support/issuer-server';
import { buildTestApp } from '../auth/support/test-app';

let issuerServer: IssuerServer;

beforeAll(async () => {
  issuerServer = await startIssuerServer();
});

afterAll(async () => {
  await issuerServer.close();
});

describe('GET /api/openapi.json', () => {
  it('needs a bearer token like every other /api route', async () => {
    const { app } = buildTestApp({ issuerUrl: issuerServer.issuerUrl });
    expect((await request(app).get('/api/openapi.json')).status).toBe(401);
  });

  it('lists a mounted route with its path parameter, query, body and response schemas, security and the error shape', async () => {
    const { app } = buildTestApp({ issuerUrl: issuerServer.issuerUrl });
    const { token } = await issuerServer.issuer.mint({ subject: 'u' });
    const response = await request(app).get('/api/openapi.json').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(document.components.schemas.ApiError.properties.error.properties.code.enum).toContain('validation_failed');

    const operation = document.paths['/api/probe/items/{id}'].post;
    expect(operation.summary).toBe('Echo an item (admins only)');
    expect(operation.tags).toEqual(['probe']);
    expect(operation.security).toEqual([{ bearerAuth: [] }]);
    expect(operation['x-required-role']).toBe('admin');
    expect(operation.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
        expect.objectContaining({ name: 'dryRun', in: 'query', required: false }),
      ]),
    );
    const body = operation.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', required: ['name'], additionalProperties: false });
    expect(Object.keys(body.properties)).toEqual(['name', 'password']);
    expect(operation.responses['201'].content['application/json'].schema.properties).toHaveProperty('id');
    for (const status of ['400', '401', '403', '404', '413', '500']) {
      expect(operation.responses[status].content['application/json'].schema, status).toEqual({ $ref: '#/components/schemas/ApiError' });
    }
    expect(document.paths['/api/probe/whoami'].get.responses).not.toHaveProperty('400');
    expect(document.paths['/api/public-config'].get.security).toEqual([]);
  });
});

describe('buildOpenApiDocument', () => {
  it('converts express path parameters to OpenAPI templates', () => {
    expect(toOpenApiPath('/api/crm', '/companies/:id/contacts/:contactId')).toBe('/api/crm/companies/{id}/contacts/{contactId}');
    expect(toOpenApiPath('/api/crm', '/')).toBe('/api/crm');
  });

  it('documents a route without a response schema as 204', () => {
    const document = buildOpenApiDocument(
      [{ prefix: '/api/t', routes: [defineRoute({ method: 'delete', path: '/x/:id', summary: 'Delete', tag: 't', role: 'user', params: z.object({ id: z.string() }), handle: async () => undefined })] }],
      '1',
    );
    expect(document.paths?.['/api/t/x/{id}']?.delete?.responses).toHaveProperty('204');
  });

  it('refuses a query schema that is not an object, naming the route', () => {
    const route = defineRoute({ method: 'get', path: '/y', summary: 'Y', tag: 't', role: 'user', query: z.string(), response: z.object({}), handle: async () => ({}) });
    expect(() => buildOpenApiDocument([{ prefix: '/api/t', routes: [route] }], '1')).toThrow('GET /api/t/y: query must be a z.object(...) schema');
  });
});

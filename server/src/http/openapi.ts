import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api-error';
import { publicConfigSchema } from '../../../shared/public-config.schema';
import type { RouteSpec } from './route-spec';

/** Route specs mounted together under one prefix, e.g. `/api/crm`. */
export interface RouteGroup {
  readonly prefix: string;
  readonly routes: readonly RouteSpec[];
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const BEARER_SCHEME = 'bearerAuth';
type ParameterSchema = NonNullable<NonNullable<RouteConfig['request']>['params']>;

/** `/companies/:id` under `/api/crm` → `/api/crm/companies/{id}` */
export function toOpenApiPath(prefix: string, path: string): string {
  const joined = `${prefix}${path === '/' ? '' : path}`;
  return joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Path and query parameters are documented one by one, which needs an object schema. */
function asParameters(schema: z.ZodType | undefined, where: string): ParameterSchema | undefined {
  if (!schema) return undefined;
  if (schema instanceof z.ZodObject || schema instanceof z.ZodPipe) return schema;
  throw new Error(`${where} must be a z.object(...) schema to appear in the API document`);
}

function errorResponse(description: string, errorSchema: z.ZodType): ResponseConfig {
  return { description, content: { 'application/json': { schema: errorSchema } } };
}

function specResponses(spec: RouteSpec, errorRef: z.ZodType): RouteConfig['responses'] {
  const status = spec.status ?? (spec.response ? 200 : 204);
  const success: ResponseConfig = spec.response
    ? { description: 'Success', content: { 'application/json': { schema: spec.response } } }
    : { description: 'Success, no content' };
  return {
    [status]: success,
    ...(spec.params || spec.query || spec.body ? { 400: errorResponse('Invalid request: `fields` names each problem', errorRef) } : {}),
    401: errorResponse('Missing, invalid or expired bearer token', errorRef),
    403: errorResponse(spec.role === 'admin' ? 'The caller is not an admin' : 'The caller may not access this resource', errorRef),
    ...(spec.params ? { 404: errorResponse('No such resource', errorRef) } : {}),
    ...(spec.body ? { 413: errorResponse('The request body is too large', errorRef) } : {}),
    500: errorResponse('Unexpected server error (details are in the server log under the request id)', errorRef),
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the very specs that validate the
 * requests, so document and behaviour cannot drift apart.
 */
export function buildOpenApiDocument(groups: readonly RouteGroup[], version: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', BEARER_SCHEME, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  // Registered once, so every error response is a $ref to the one shape.
  const errorRef = apiErrorSchema.meta({ id: 'ApiError' });
  registry.registerPath({
    method: 'get',
    path: '/api/public-config',
    summary: 'Settings the add-in needs before sign-in (no authentication, no secrets)',
    tags: ['platform'],
    security: [],
    responses: { 200: { description: 'Success', content: { 'application/json': { schema: publicConfigSchema } } } },
  });
  for (const group of groups) {
    for (const spec of group.routes) {
      const where = `${spec.method.toUpperCase()} ${group.prefix}${spec.path}`;
      const params = asParameters(spec.params, `${where}: params`);
      const query = asParameters(spec.query, `${where}: query`);
      registry.registerPath({
        method: spec.method,
        path: toOpenApiPath(group.prefix, spec.path),
        summary: spec.summary,
        tags: [spec.tag],
        security: [{ [bearer.name]: [] }],
        'x-required-role': spec.role,
        request: {
          ...(params ? { params } : {}),
          ...(query ? { query } : {}),
          ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
        },
        responses: specResponses(spec, errorRef),
      });
    }
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Tandem API', version, description: 'CRM records, links, mail filing and sync administration.' },
    security: [{ [BEARER_SCHEME]: [] }],
  });
}

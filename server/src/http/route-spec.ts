import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { getPrincipal, hasRole, type Principal, type Role } from '../auth/principal';
import { HttpError } from './http-error';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: Principal;
}

/**
 * One API route as data: the same spec drives request validation, the role check, the
 * handler call and the generated OpenAPI document, so none of them can drift apart.
 * Body schemas should be `.strict()` so unknown fields are refused, not dropped.
 */
export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly method: HttpMethod;
  /** Express-style path relative to the router's mount point, e.g. `/companies/:id`. */
  readonly path: string;
  readonly summary: string;
  /** OpenAPI tag, e.g. `crm`, `links`, `admin`. */
  readonly tag: string;
  /** Role the caller needs; `admin` routes answer 403 to plain users. */
  readonly role: Role;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Schema of the success body; omit for 204 No Content. */
  readonly response?: R;
  /** Success status; defaults to 200 (204 when there is no response schema). */
  readonly status?: 200 | 201 | 202 | 204;
  readonly handle: (input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R>>;
}

/** Typed constructor: infers the handler's input and output from the schemas. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const prefix = part === 'body' ? '' : `${part}.`;
  throw new HttpError(
    'validation_failed',
    `The request ${part} is invalid`,
    result.error.issues.map((issue) => ({ path: prefix + issue.path.map(String).join('.'), message: issue.message })),
  );
}

async function runRoute(spec: RouteSpec, req: Request, res: Response): Promise<void> {
  const principal = getPrincipal(res);
  if (!hasRole(principal, spec.role)) throw new HttpError('forbidden', `This action needs the ${spec.role} role`);
  const params = parsePart(spec.params, req.params, 'params');
  const query = parsePart(spec.query, req.query, 'query');
  const body = parsePart(spec.body, req.body ?? {}, 'body');
  const result: unknown = await spec.handle({ params, query, body, principal });
  const status = spec.status ?? (spec.response ? 200 : 204);
  if (status === 204 || !spec.response) {
    res.status(status).end();
    return;
  }
  res.status(status).json(result);
}

/** Builds an Express router for the specs; errors go to the app's error middleware. */
export function mountRoutes(specs: readonly RouteSpec[]): Router {
  const router = Router();
  for (const spec of specs) {
    router[spec.method](spec.path, (req, res, next) => {
      runRoute(spec, req, res).catch(next);
    });
  }
  return router;
}

import { Router } from 'express';
import { z } from 'zod';
import { LOCAL_ISSUER_ALGORITHM, type LocalIssuer } from './local-issuer';

/** What the token endpoint accepts: a user and roles, with a bounded lifetime. */
export const localTokenRequestSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.email().max(320).optional(),
  roles: z.array(z.string().min(1).max(100)).max(20).optional(),
  admin: z.boolean().optional(),
  expiresInSeconds: z.number().int().min(60).max(86_400).optional(),
});

/**
 * `/auth/local/…`: OpenID metadata, the JWKS and a token endpoint of the development
 * issuer. Mounted only when AUTH_LOCAL_ISSUER is on, which config refuses in production.
 * Needs a JSON body parser in front of it.
 */
export function localIssuerRoutes(issuer: LocalIssuer): Router {
  const router = Router();
  router.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer: issuer.issuer,
      jwks_uri: `${issuer.issuer}/jwks.json`,
      token_endpoint: `${issuer.issuer}/token`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [LOCAL_ISSUER_ALGORITHM],
    });
  });
  router.get('/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(issuer.jwks);
  });
  router.post('/token', (req, res, next) => {
    const request = localTokenRequestSchema.parse(req.body ?? {});
    issuer.mint(request).then(({ token, expiresIn }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
    }, next);
  });
  return router;
}

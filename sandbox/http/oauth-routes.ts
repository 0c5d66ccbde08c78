import express, { type Router } from 'express';
import type { SandboxState } from '../sandbox-state';

/**
 * The slice of Entra ID that MSAL's client-credentials flow touches: OIDC metadata at
 * `<authority>/v2.0/.well-known/openid-configuration`, the v2.0 token endpoint and the
 * signing keys. Errors use the OAuth2 error names MSAL maps (invalid_client…).
 */
export function createOAuthRouter(state: SandboxState, baseUrl: () => string): Router {
  const router = express.Router();
  const tenant = state.tokens.app.tenantId;
  router.get(`/${tenant}/v2.0/.well-known/openid-configuration`, (_req, res) => {
    const authority = `${baseUrl()}/${tenant}`;
    res.json({
      issuer: `${authority}/v2.0`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: 'EU',
    });
  });
  router.get(`/${tenant}/discovery/v2.0/keys`, (_req, res) => {
    res.json(state.tokens.jwks);
  });
  router.post(`/${tenant}/oauth2/v2.0/token`, express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const text = (key: string): string => (typeof form[key] === 'string' ? (form[key] as string) : '');
    const [basicId, basicSecret] = basicCredentials(req.headers.authorization);
    if (text('grant_type') !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type', error_description: 'AADSTS70003: The app requested an unsupported grant type.' });
      return;
    }
    const result = await state.tokens.issue(text('client_id') || basicId, text('client_secret') || basicSecret, text('scope'));
    if (result === 'invalid_client') {
      res.status(401).json({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      return;
    }
    if (result === 'invalid_scope') {
      res.status(400).json({ error: 'invalid_scope', error_description: 'AADSTS1002012: The provided value for scope is not valid.' });
      return;
    }
    res.json({ token_type: 'Bearer', expires_in: result.expiresIn, ext_expires_in: result.expiresIn, access_token: result.token });
  });
  return router;
}

function basicCredentials(header: string | undefined): [string, string] {
  if (!header?.toLowerCase().startsWith('basic ')) return ['', ''];
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? ['', ''] : [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import { createLocalIssuer, type LocalIssuer } from '../../../../server/src/auth/local-issuer';
import { localIssuerRoutes } from '../../../../server/src/auth/local-issuer.routes';

export const TEST_AUDIENCE = 'api://tandem-test';
export const TEST_TENANT = 'tenant-a';
export const TEST_ADMIN_ROLE = 'Tandem.Admin';

export interface IssuerServer {
  readonly url: string;
  /** `<url>/auth/local` */
  readonly issuerUrl: string;
  readonly issuer: LocalIssuer;
  /** How many times the JWKS was fetched so far. */
  jwksFetches(): number;
  /** Replaces the signing key (a key rollover at the issuer). */
  rotateKey(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The development issuer on its own loopback HTTP server, standing in for Entra ID: tests
 * verify its tokens through OIDC discovery and a JWKS fetched over HTTP, like production.
 */
export async function startIssuerServer(): Promise<IssuerServer> {
  let fetches = 0;
  let routes: Router | undefined;
  const app = express();
  app.use((req, _res, next) => {
    if (req.path === '/auth/local/jwks.json') fetches += 1;
    next();
  });
  app.use('/auth/local', express.json(), (req, res, next) => (routes ? routes(req, res, next) : next()));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuerUrl = `${url}/auth/local`;
  const options = { issuer: issuerUrl, audience: TEST_AUDIENCE, tenantId: TEST_TENANT, adminRole: TEST_ADMIN_ROLE };
  let issuer = await createLocalIssuer(options);
  routes = localIssuerRoutes(issuer);
  return {
    url,
    issuerUrl,
    get issuer() {
      return issuer;
    },
    jwksFetches: () => fetches,
    async rotateKey() {
      issuer = await createLocalIssuer(options);
      routes = localIssuerRoutes(issuer);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

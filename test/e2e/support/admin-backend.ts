import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { startTandem } from '../../../server/src/app/start-tandem';
import { loadConfig } from '../../../server/src/config';

export interface AdminE2eBackend {
  readonly url: string;
  readonly sandbox: Sandbox;
  /** Calls the backend's API as a development-issuer admin, for seeding what the console does not create. */
  api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The backend exactly as `npm start` composes it (startTandem: PGlite in a temp data dir,
 * the sync runtime, the development issuer), trusting the sandbox's CA through
 * EXCHANGE_CA_FILE as an operator would configure it.
 */
export async function startAdminE2eBackend(): Promise<AdminE2eBackend> {
  const sandbox = await startSandbox({ seed: 'none' });
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-admin-e2e-'));
  const caFile = join(dataDir, 'exchange-ca.pem');
  writeFileSync(caFile, sandbox.caCertPem);
  // The public URL must be known before listening, since the development issuer puts it in its tokens.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    AUTH_LOCAL_ISSUER: 'true',
    EXCHANGE_CA_FILE: caFile,
    ADDIN_DIST_DIR: join(process.cwd(), 'dist', 'addin'),
  });
  const tandem = await startTandem(config, pino({ level: 'silent' }));

  let token: string | undefined;
  async function adminToken(): Promise<string> {
    if (token) return token;
    const res = await fetch(`${url}/auth/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'e2e-seeder', name: 'E2E seeder', admin: true }),
    });
    const body = (await res.json()) as { access_token: string };
    token = body.access_token;
    return token;
  }

  return {
    url,
    sandbox,
    async api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered HTTP ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await tandem.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

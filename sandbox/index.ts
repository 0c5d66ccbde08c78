import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { createTokenService } from './auth/token-service';
import type { SandboxControl } from './control/control-types';
import { createSandboxControl } from './control/sandbox-control';
import { createSandboxApp } from './http/create-app';
import type { HeldConnections } from './http/ews-endpoint';
import { createTlsMaterial } from './http/tls-material';
import { createSandboxState } from './sandbox-state';
import { seedSandbox } from './seed/seed-mailboxes';

export type { SandboxControl, MailboxInfo, FolderInfo, ItemInfo, NewItemInput, ItemEdit } from './control/control-types';
export type { CapturedExchange, CaptureHook } from './control/capture';
export type { CounterSnapshot } from './control/counters';
export type { SentRecord } from './control/sent-log';
export type { FaultConfig, FaultKind } from './faults/fault-plan';
export type { PolicyMode } from './sandbox-state';

export interface SandboxOptions {
  /** HTTPS port; 0 (default) picks a free one. */
  readonly port?: number;
  readonly host?: string;
  readonly seed?: 'demo' | 'none';
  readonly logger?: Logger;
  /** Seed of the fault RNG (default 1): same seed, same faulted calls. */
  readonly faultSeed?: number;
  /** Also listen on plain HTTP (for clients that cannot take a custom CA); off when absent. */
  readonly httpPort?: number;
}

export interface Sandbox {
  readonly ewsUrl: string;
  readonly autodiscoverSoapUrl: string;
  readonly autodiscoverPoxUrl: string;
  /** Plain-HTTP EWS URL when `httpPort` was given. */
  readonly httpEwsUrl: string | undefined;
  readonly oauth: { authority: string; tokenEndpoint: string; tenantId: string; clientId: string; clientSecret: string };
  readonly basic: { user: string; password: string };
  readonly caCertPem: string;
  readonly controlToken: string;
  readonly control: SandboxControl;
  close(): Promise<void>;
}

export const SERVICE_ACCOUNT = 'svc-tandem@contoso.example';

/** Starts an in-process Exchange sandbox speaking EWS, Autodiscover and OAuth2 over TLS. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? pino({ level: 'silent' });
  let baseUrl = '';
  const tokens = await createTokenService();
  const tls = await createTlsMaterial([...new Set([host, '127.0.0.1', 'localhost'])]);
  const basic = { user: SERVICE_ACCOUNT, password: randomBytes(12).toString('base64url') };
  const state = createSandboxState({ tokens, logger, faultSeed: options.faultSeed ?? 1, serviceAccount: basic });
  const initialSeed = options.seed ?? 'none';
  seedSandbox(state, initialSeed);
  const control = createSandboxControl(state, seedSandbox, initialSeed);
  const held: HeldConnections = new Set();
  const app = createSandboxApp({ state, control, held, baseUrl: () => baseUrl });

  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, app);
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  baseUrl = `https://${hostInUrl}:${port}`;
  tokens.setIssuerBase(baseUrl);
  let plain: http.Server | undefined;
  if (options.httpPort !== undefined) {
    plain = http.createServer(app);
    await listen(plain, options.httpPort, host);
  }
  const plainPort = plain ? (plain.address() as AddressInfo).port : undefined;
  const authority = `${baseUrl}/${tokens.app.tenantId}`;
  logger.info({ baseUrl }, 'Exchange sandbox listening');

  return {
    ewsUrl: `${baseUrl}/EWS/Exchange.asmx`,
    autodiscoverSoapUrl: `${baseUrl}/autodiscover/autodiscover.svc`,
    autodiscoverPoxUrl: `${baseUrl}/autodiscover/autodiscover.xml`,
    httpEwsUrl: plainPort === undefined ? undefined : `http://${hostInUrl}:${plainPort}/EWS/Exchange.asmx`,
    oauth: { authority, tokenEndpoint: `${authority}/oauth2/v2.0/token`, ...tokens.app },
    basic,
    caCertPem: tls.caCertPem,
    controlToken: state.controlToken,
    control,
    async close() {
      for (const res of held) res.destroy();
      await Promise.all([closeServer(server), plain ? closeServer(plain) : Promise.resolve()]);
    },
  };
}

function listen(server: http.Server | https.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

// In-flight requests get this long to finish on shutdown before their connections are cut.
const SHUTDOWN_GRACE_MS = 10_000;

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

export interface Listening {
  readonly server: Server;
  /** How this process reaches itself, e.g. `http://127.0.0.1:3000`. */
  readonly loopbackUrl: string;
  close(): Promise<void>;
}

function loopbackHost(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

/** HTTP, or HTTPS when a certificate is configured (Outlook loads add-ins over HTTPS only). */
export async function listen(handler: RequestListener, options: ListenOptions): Promise<Listening> {
  const server: Server = options.tls
    ? createHttpsServer({ cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const loopbackUrl = `${options.tls ? 'https' : 'http'}://${loopbackHost(address)}:${address.port}`;
  return {
    server,
    loopbackUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        force.unref();
        server.closeIdleConnections();
        server.close((err) => {
          clearTimeout(force);
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}

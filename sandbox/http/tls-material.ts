import { generate } from 'selfsigned';

export interface TlsMaterial {
  readonly caCertPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * A throw-away CA per sandbox start and a server certificate it signs, so clients
 * exercise real certificate validation (trusting only this CA) instead of turning
 * verification off. EC keys keep start-up fast.
 */
export async function createTlsMaterial(hostNames: readonly string[]): Promise<TlsMaterial> {
  const now = new Date();
  const notAfterDate = new Date(now.getTime() + 30 * 86_400_000);
  const ca = await generate([{ name: 'commonName', value: 'Tandem Exchange Sandbox Test CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const altNames = hostNames.map((host) => (/^[\d.]+$/.test(host) || host.includes(':') ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }));
  const server = await generate([{ name: 'commonName', value: hostNames[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { caCertPem: ca.cert, certPem: server.cert, keyPem: server.private };
}

import { createHash } from 'node:crypto';

/** What differs between installations; everything else in the manifest is fixed. */
export interface ManifestOptions {
  /** Origin the backend (and the built pane) is served from, e.g. `https://crm.example.com`. */
  readonly host: string;
  /** Application (client) id of the backend's Microsoft Entra app registration. */
  readonly appId: string;
  /** The add-in's own id; Outlook treats a new id as a different add-in, so keep it stable. */
  readonly addinId: string;
  readonly version: string;
  readonly providerName: string;
}

export const DEV_MANIFEST_HOST = 'https://localhost:3000';
/** Placeholder app id for the development manifest; installations pass their own. */
export const DEV_APP_ID = '00000000-0000-4000-8000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ManifestOptionError extends Error {}

/**
 * Derives the add-in id from the host so regenerating the manifest for the same
 * installation keeps the id (a changed id would make Outlook install a second add-in),
 * while two installations never share one. Name-based UUID layout (version 5 bits).
 */
export function deriveAddinId(host: string): string {
  const hex = createHash('sha1').update(`tandem-addin:${host}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Checks and normalises caller input; Office only loads add-in pages over HTTPS. */
export function resolveManifestOptions(input: {
  host: string;
  appId: string;
  addinId?: string;
  version?: string;
  providerName?: string;
}): ManifestOptions {
  let url: URL;
  try {
    url = new URL(input.host);
  } catch {
    throw new ManifestOptionError(`--host is not a URL: ${input.host}`);
  }
  if (url.protocol !== 'https:') throw new ManifestOptionError('--host must be an https:// origin; Outlook refuses add-in pages over http');
  if (url.pathname !== '/' || url.search || url.hash) throw new ManifestOptionError('--host must be an origin without path, query or fragment');
  if (!GUID.test(input.appId)) throw new ManifestOptionError(`--app-id must be a GUID: ${input.appId}`);
  const host = url.origin;
  const addinId = input.addinId ?? deriveAddinId(host);
  if (!GUID.test(addinId)) throw new ManifestOptionError(`--addin-id must be a GUID: ${addinId}`);
  const version = input.version ?? '1.0.0.0';
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) throw new ManifestOptionError(`--version must look like 1.0.0.0: ${version}`);
  return { host, appId: input.appId.toLowerCase(), addinId: addinId.toLowerCase(), version, providerName: input.providerName ?? 'Tandem' };
}

import type { PublicConfigBody } from '../../../shared/public-config.schema';
import { ApiCallError, classifyStatus } from './api-error';

export type PublicConfig = PublicConfigBody;

/** `GET /api/public-config`: unauthenticated, read once at start. */
export async function loadPublicConfig(baseUrl: string, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<PublicConfig> {
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/public-config`, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiCallError('offline', 'The CRM server cannot be reached');
  }
  if (!response.ok) throw new ApiCallError(classifyStatus(response.status), `public-config answered HTTP ${response.status}`, response.status);
  return (await response.json()) as PublicConfig;
}

/** Fills `{type}` and `{id}` of the configured pattern; no pattern, no link. */
export function buildRecordUrl(pattern: string | undefined, type: string, id: string): string | undefined {
  if (!pattern) return undefined;
  return pattern.replaceAll('{type}', encodeURIComponent(type)).replaceAll('{id}', encodeURIComponent(id));
}

import type { RecordRef, LinkableType } from '../../../shared/crm/record-ref.schema';
import type { SearchHit, SearchResult } from '../../../shared/crm/search.schema';
import type { Suggestion, SuggestResponse } from '../../../shared/crm/suggest.schema';
import type { ItemDescriptor, ItemIdentities, ItemLinks, LinkRequest, UnlinkRequest } from '../../../shared/crm/link.schema';
import type { ApiError } from '../../../shared/api-error';
import type { FileMailRequest, FileMailResponse } from '../../../server/src/mail-filing/file-mail.schema';
import { ApiCallError, classifyStatus } from './api-error';

export type { RecordRef, LinkableType, SearchHit, Suggestion, ItemDescriptor, ItemIdentities, ItemLinks, FileMailRequest, FileMailResponse };
export type LinkedRecord = ItemLinks['links'][number];
export type RecordSummary = SearchHit['record'];

/** Everything the pane asks the backend; the one place that knows routes and payloads. */
export interface CrmApi {
  searchRecords(query: string, types: readonly LinkableType[], signal?: AbortSignal): Promise<SearchHit[]>;
  suggestRecords(addresses: readonly string[]): Promise<Suggestion[]>;
  listLinks(identities: ItemIdentities): Promise<LinkedRecord[]>;
  linkRecords(item: ItemDescriptor, records: readonly RecordRef[]): Promise<void>;
  unlinkRecords(identities: ItemIdentities, records: readonly RecordRef[]): Promise<void>;
  fileMail(request: FileMailRequest): Promise<FileMailResponse>;
}

export interface CrmApiOptions {
  /** Origin of the backend, e.g. `https://crm.example.com`; empty for same origin. */
  readonly baseUrl: string;
  readonly getToken: () => Promise<string>;
  readonly fetch?: typeof fetch;
}

export const SEARCH_LIMIT = 20;

function buildQuery(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, value);
  return params.toString();
}

async function readError(response: Response): Promise<ApiCallError> {
  const kind = classifyStatus(response.status);
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (body.error) return new ApiCallError(kind, body.error.message, response.status, body.error.code);
  } catch {
    // A proxy's HTML error page has no JSON body; the status alone still classifies it.
  }
  return new ApiCallError(kind, `HTTP ${response.status}`, response.status);
}

export function createCrmApi(options: CrmApiOptions): CrmApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const token = await options.getToken();
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiCallError('offline', 'The CRM server cannot be reached');
    }
    if (!response.ok) throw await readError(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    async searchRecords(query, types, signal) {
      const qs = buildQuery({ q: query, types: types.length ? types.join(',') : undefined, limit: String(SEARCH_LIMIT) });
      return (await call<SearchResult>('GET', `/api/crm/search?${qs}`, undefined, signal)).hits;
    },
    async suggestRecords(addresses) {
      if (addresses.length === 0) return [];
      return (await call<SuggestResponse>('POST', '/api/crm/suggest', { addresses })).suggestions;
    },
    async listLinks(identities) {
      return (await call<ItemLinks>('GET', `/api/links?${buildQuery({ ...identities })}`)).links;
    },
    async linkRecords(item, records) {
      const request: LinkRequest = { item, records: [...records] };
      await call<unknown>('POST', '/api/links', request);
    },
    async unlinkRecords(identities, records) {
      const request: UnlinkRequest = { identities, records: [...records] };
      await call<unknown>('POST', '/api/links/unlink', request);
    },
    fileMail(request) {
      return call<FileMailResponse>('POST', '/api/mails/file', request);
    },
  };
}

import { describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../addin/src/api/api-error';
import { createCrmApi } from '../../../addin/src/api/crm-api';
import { buildRecordUrl, loadPublicConfig } from '../../../addin/src/api/public-config';

function jsonResponse(status: number, body: unknown) {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function setup(response: () => Promise<Response>) {
  const fetch = vi.fn<typeof globalThis.fetch>(response);
  const api = createCrmApi({ baseUrl: 'https://crm.example.com', getToken: async () => 'token-1', fetch });
  return { api, fetch };
}

describe('createCrmApi', () => {
  it('sends the bearer token and the search query across all types', async () => {
    const { api, fetch } = setup(async () => jsonResponse(200, { hits: [] }));
    await api.searchRecords('acme gmbh', []);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://crm.example.com/api/crm/search?q=acme+gmbh&limit=20');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer token-1');
  });

  it('asks suggest with the addresses and skips the call without any', async () => {
    const { api, fetch } = setup(async () => jsonResponse(200, { suggestions: [] }));
    await api.suggestRecords([]);
    expect(fetch).not.toHaveBeenCalled();
    await api.suggestRecords(['max@kunde.example']);
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual({ addresses: ['max@kunde.example'] });
  });

  it('lists links by every identity given', async () => {
    const { api, fetch } = setup(async () => jsonResponse(200, { itemId: null, links: [] }));
    await api.listLinks({ internetMessageId: '<a@b>', ewsId: 'AAMk=' });
    expect(fetch.mock.calls[0]?.[0]).toBe('https://crm.example.com/api/links?internetMessageId=%3Ca%40b%3E&ewsId=AAMk%3D');
  });

  it('turns the API error shape into a classified error', async () => {
    const { api } = setup(async () => jsonResponse(403, { error: { code: 'forbidden', message: 'No rights on this record' } }));
    const error = await api.linkRecords({ kind: 'mail', mailbox: 'a@b.example', identities: { ewsId: 'x' } }, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, code: 'forbidden', message: 'No rights on this record' });
  });

  it('classifies an unreachable server as offline', async () => {
    const { api } = setup(async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.fileMail({ mailbox: 'a@b.example', ewsId: 'x', records: [] })).rejects.toMatchObject({ kind: 'offline' });
  });

  it('classifies a non-JSON error page by its status', async () => {
    const { api } = setup(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.searchRecords('a', [])).rejects.toMatchObject({ kind: 'server', status: 502 });
  });
});

describe('public config', () => {
  it('fills type and id into the CRM record URL pattern', () => {
    expect(buildRecordUrl('https://crm.example.com/{type}/{id}?from=outlook', 'offer', 'a b')).toBe('https://crm.example.com/offer/a%20b?from=outlook');
    expect(buildRecordUrl(undefined, 'offer', '1')).toBeUndefined();
  });

  it('reports an unreachable server as offline', async () => {
    await expect(loadPublicConfig('', async () => Promise.reject(new TypeError('x')))).rejects.toMatchObject({ kind: 'offline' });
  });
});

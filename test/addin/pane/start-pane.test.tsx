import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPane } from '../../../addin/src/pane/start-pane';
import { mockMailbox, readMailData } from '../support/office-mocks';

function fakeOffice(ready: Promise<void>, language = 'en-US'): typeof Office {
  return {
    onReady: () => ready,
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    context: { mailbox: mockMailbox(readMailData, { addHandlerAsync: (_t: unknown, _h: unknown, cb: (r: { status: string }) => void) => cb({ status: 'succeeded' }) }), displayLanguage: language },
  } as unknown as typeof Office;
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

/** Answers the pane's backend calls like the real routes, for an item with no links or suggestions. */
async function answer(input: RequestInfo | URL, _init?: RequestInit): Promise<Response> {
  const url = String(input);
  if (url.endsWith('/api/public-config')) return json({ auth: { mode: 'external' } });
  if (url.startsWith('/api/links')) return json({ itemId: null, links: [] });
  if (url.startsWith('/api/crm/suggest')) return json({ suggestions: [] });
  return new Response(null, { status: 404 });
}

describe('startPane', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('renders nothing before Office.onReady and the item after it, with the host page token', async () => {
    const fetch = vi.fn(answer);
    vi.stubGlobal('fetch', fetch);
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const container = document.body.appendChild(document.createElement('div'));
    const win = Object.assign(window, { tandemHost: { getToken: async () => 'host-token' } });
    const started = startPane({ office: fakeOffice(ready), win, container });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(container).toBeEmptyDOMElement();
    expect(fetch).not.toHaveBeenCalled();
    await act(async () => {
      markReady();
      await started;
    });
    expect(await screen.findByText('Angebot 42')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('No CRM records match the addresses of this item.')).toBeInTheDocument());
    const linkCall = fetch.mock.calls.find(([url]) => String(url).startsWith('/api/links'));
    expect(new Headers(linkCall?.[1]?.headers).get('authorization')).toBe('Bearer host-token');
    Reflect.deleteProperty(win, 'tandemHost');
  });

  it('says the server is unreachable when the public config cannot be loaded, in German for German Outlook', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const container = document.body.appendChild(document.createElement('div'));
    await act(async () => {
      await startPane({ office: fakeOffice(Promise.resolve(), 'de-DE'), win: window, container });
    });
    expect(await screen.findByText('Sie sind offline oder der CRM-Server ist nicht erreichbar.')).toBeInTheDocument();
  });

  it('asks for sign-in configuration when the server offers neither MSAL settings nor a host token', async () => {
    vi.stubGlobal('fetch', vi.fn(answer));
    const container = document.body.appendChild(document.createElement('div'));
    await act(async () => {
      await startPane({ office: fakeOffice(Promise.resolve()), win: window, container });
    });
    expect(await screen.findByText('Sign-in is not set up on the CRM server yet. Please ask your administrator.')).toBeInTheDocument();
  });
});

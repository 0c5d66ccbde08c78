import type { AccountInfo, AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { knownAuthoritiesFor } from '../../../addin/src/auth/authority';
import { NestedAppAuth, SignInRequiredError } from '../../../addin/src/auth/nested-app-auth';
import { readHostTokenProvider } from '../../../addin/src/auth/token-provider';

const account = { homeAccountId: 'h', environment: 'e', tenantId: 't', username: 'anna@example.com', localAccountId: 'l' } as AccountInfo;
const result = (accessToken: string) => ({ accessToken, account }) as AuthenticationResult;

function fakeClient(overrides: Partial<Record<'acquireTokenSilent' | 'acquireTokenPopup', () => Promise<AuthenticationResult>>>) {
  const client = {
    getActiveAccount: vi.fn(() => null),
    getAllAccounts: vi.fn(() => [account]),
    setActiveAccount: vi.fn(),
    acquireTokenSilent: vi.fn(overrides.acquireTokenSilent ?? (async () => result('silent-token'))),
    acquireTokenPopup: vi.fn(overrides.acquireTokenPopup ?? (async () => result('popup-token'))),
  };
  return client;
}

function createAuth(client: ReturnType<typeof fakeClient>, openDialog = vi.fn(async () => 'dialog-token')) {
  const createClient = vi.fn(async () => client as unknown as IPublicClientApplication);
  const auth = new NestedAppAuth({
    clientId: 'client',
    authority: 'https://login.microsoftonline.com/common',
    apiScope: 'api://crm.example.com/app/access_as_user',
    dialogUrl: 'https://crm.example.com/auth-dialog.html',
    openDialog,
    createClient,
  });
  return { auth, createClient, openDialog };
}

describe('NestedAppAuth', () => {
  it('returns a silently acquired token for the API scope without interaction', async () => {
    const client = fakeClient({});
    const { auth, openDialog } = createAuth(client);
    await expect(auth.getToken()).resolves.toBe('silent-token');
    expect(client.acquireTokenSilent).toHaveBeenCalledWith({ scopes: ['api://crm.example.com/app/access_as_user'], account });
    expect(client.acquireTokenPopup).not.toHaveBeenCalled();
    expect(openDialog).not.toHaveBeenCalled();
  });

  it('falls back to the popup when silent acquisition fails, and remembers the account', async () => {
    const client = fakeClient({ acquireTokenSilent: async () => Promise.reject(new Error('interaction_required')) });
    const { auth } = createAuth(client);
    await expect(auth.getToken()).resolves.toBe('popup-token');
    expect(client.setActiveAccount).toHaveBeenCalledWith(account);
  });

  it('falls back to the Office dialog when the popup is blocked', async () => {
    const client = fakeClient({
      acquireTokenSilent: async () => Promise.reject(new Error('interaction_required')),
      acquireTokenPopup: async () => Promise.reject(new Error('popup_window_error')),
    });
    const { auth, openDialog } = createAuth(client);
    await expect(auth.getToken()).resolves.toBe('dialog-token');
    expect(openDialog).toHaveBeenCalledWith('https://crm.example.com/auth-dialog.html');
  });

  it('asks for sign-in when every way fails', async () => {
    const client = fakeClient({
      acquireTokenSilent: async () => Promise.reject(new Error('x')),
      acquireTokenPopup: async () => Promise.reject(new Error('y')),
    });
    const { auth } = createAuth(client, vi.fn(async () => Promise.reject(new Error('closed'))));
    await expect(auth.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('creates the MSAL client once for many token requests', async () => {
    const { auth, createClient } = createAuth(fakeClient({}));
    await auth.getToken();
    await auth.getToken();
    expect(createClient).toHaveBeenCalledTimes(1);
  });
});

describe('readHostTokenProvider', () => {
  it('uses the token function a host page injects', async () => {
    const win = Object.assign(Object.create(window) as Window, { tandemHost: { getToken: async () => 'host-token' } });
    await expect(readHostTokenProvider(win)?.getToken()).resolves.toBe('host-token');
  });

  it('gives nothing when the host injects nothing', () => {
    expect(readHostTokenProvider(window)).toBeUndefined();
  });
});

describe('knownAuthoritiesFor', () => {
  it('names an on-premises AD FS host as known and leaves Microsoft cloud authorities to MSAL', () => {
    expect(knownAuthoritiesFor('https://adfs.contoso.local/adfs')).toEqual(['adfs.contoso.local']);
    expect(knownAuthoritiesFor('https://login.microsoftonline.com/common')).toEqual([]);
  });
});

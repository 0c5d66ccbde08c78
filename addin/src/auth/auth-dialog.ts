import { PublicClientApplication } from '@azure/msal-browser';
import { loadPublicConfig } from '../api/public-config';
import { knownAuthoritiesFor } from './authority';

/**
 * Last-resort sign-in inside an Office dialog (hosts that block MSAL's popup): a plain
 * redirect flow in the dialog window, then the access token goes to the pane through
 * `messageParent`, the dialog's only channel back.
 */
async function signInInDialog(): Promise<void> {
  await Office.onReady();
  const { auth } = await loadPublicConfig('');
  if (!auth.clientId || !auth.authority || !auth.apiScope) throw new Error('Sign-in is not configured on the server');
  const client = new PublicClientApplication({
    auth: { clientId: auth.clientId, authority: auth.authority, knownAuthorities: knownAuthoritiesFor(auth.authority), redirectUri: window.location.href.split('?')[0] ?? '' },
  });
  await client.initialize();
  const result = await client.handleRedirectPromise();
  if (result?.accessToken) {
    Office.context.ui.messageParent(result.accessToken);
    return;
  }
  await client.loginRedirect({ scopes: [auth.apiScope] });
}

signInInDialog().catch(() => Office.context.ui.messageParent(''));

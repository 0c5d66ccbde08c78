import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createCrmApi } from '../api/crm-api';
import { loadPublicConfig, type PublicConfig } from '../api/public-config';
import { LocalIssuerToken } from '../auth/local-issuer-token';
import { NestedAppAuth } from '../auth/nested-app-auth';
import { readHostTokenProvider, SignInNotConfiguredError, type TandemHostHooks, type TokenProvider } from '../auth/token-provider';
import { StartupProblem } from '../components/StartupProblem';
import { selectStrings } from '../i18n/strings';
import { openDialogForMessage, waitForOffice, watchItemChanges } from '../office/office-host';
import { readItemContext } from '../office/read-item';
import { PaneApp } from './PaneApp';

export interface PaneEnvironment {
  readonly office: typeof Office;
  readonly win: Window & { tandemHost?: TandemHostHooks };
  readonly container: HTMLElement;
}

function chooseTokenProvider(env: PaneEnvironment, config: PublicConfig, mailbox: Office.Mailbox): TokenProvider | undefined {
  const injected = readHostTokenProvider(env.win);
  if (injected) return injected;
  const { auth } = config;
  if (auth.mode === 'local' && auth.localTokenUrl) {
    return new LocalIssuerToken(auth.localTokenUrl, { email: mailbox.userProfile.emailAddress, name: mailbox.userProfile.displayName });
  }
  if (!auth.clientId || !auth.authority || !auth.apiScope) return undefined;
  return new NestedAppAuth({
    clientId: auth.clientId,
    authority: auth.authority,
    apiScope: auth.apiScope,
    dialogUrl: new URL('auth-dialog.html', env.win.location.href).href,
    openDialog: (url) => openDialogForMessage(env.office, url),
  });
}

/** Starts the pane after Office.onReady: config, auth, item, then render; re-reads on ItemChanged. */
export async function startPane(env: PaneEnvironment): Promise<Root> {
  const root = createRoot(env.container);
  const host = await waitForOffice(env.office);
  const strings = selectStrings(host.displayLanguage);
  const theme = host.prefersDark ? webDarkTheme : webLightTheme;
  env.win.document.documentElement.lang = strings === selectStrings('de') ? 'de' : 'en';
  const render = (node: ReactNode) => root.render(<FluentProvider theme={theme} style={{ minHeight: '100vh' }}>{node}</FluentProvider>);

  try {
    const config = await loadPublicConfig('');
    const tokens = chooseTokenProvider(env, config, host.mailbox);
    if (!tokens) throw new SignInNotConfiguredError();
    const api = createCrmApi({ baseUrl: '', getToken: () => tokens.getToken() });
    const show = async () => {
      const context = await readItemContext(host.mailbox);
      render(<PaneApp key={context.identity.ewsId ?? context.subject} api={api} context={context} strings={strings} recordUrlPattern={config.crmRecordUrl} win={env.win} />);
    };
    await show();
    await watchItemChanges(env.office, host.mailbox, () => {
      show().catch((error: unknown) => render(<StartupProblem strings={strings} error={error} />));
    }).catch(() => undefined);
  } catch (error) {
    render(<StartupProblem strings={strings} error={error} />);
  }
  return root;
}

import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { selectAdminStrings } from './i18n/admin-strings';
import { AdminRoot } from './shell/AdminRoot';

/** Entry of `admin.html`: browser language picks German or English; the system theme picks light or dark. */
function startAdmin(): void {
  const container = document.getElementById('root');
  if (!container) return;
  const strings = selectAdminStrings(navigator.language);
  document.documentElement.lang = navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
  document.title = strings.appTitle;
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  createRoot(container).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: '100vh' }}>
      <AdminRoot strings={strings} baseUrl="" redirectUri={new URL('admin.html', window.location.href).href} />
    </FluentProvider>,
  );
}

startAdmin();

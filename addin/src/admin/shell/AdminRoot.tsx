import { Spinner } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { ApiCallError } from '../../api/api-error';
import { createAdminApi, type AdminApi } from '../api/admin-api';
import { loadAdminConfig, signInWithLocalIssuer, signInWithMicrosoft, type AdminSession, type DevSignInRequest, type PublicConfigBody } from '../auth/admin-sign-in';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import { AdminConsole } from './AdminConsole';
import { ForbiddenPage } from './ForbiddenPage';
import { SignInPage } from './SignInPage';

/** The backend's default admin app role (server/src/config.ts, AUTH_ADMIN_ROLE). */
export const DEFAULT_ADMIN_ROLE = 'Tandem.Admin';

type Phase =
  | { readonly name: 'starting' }
  | { readonly name: 'broken'; readonly error: unknown }
  | { readonly name: 'signed-out'; readonly config: PublicConfigBody; readonly failure: string }
  | { readonly name: 'checking'; readonly config: PublicConfigBody; readonly session: AdminSession }
  | { readonly name: 'forbidden'; readonly config: PublicConfigBody; readonly session: AdminSession }
  | { readonly name: 'ready'; readonly config: PublicConfigBody; readonly session: AdminSession; readonly api: AdminApi };

export interface AdminRootProps {
  readonly strings: AdminStrings;
  readonly baseUrl: string;
  readonly redirectUri: string;
  readonly fetch?: typeof fetch;
}

/** Config → sign-in → role check → console. One admin-only call decides between the console and the 403 page. */
export function AdminRoot({ strings: s, baseUrl, redirectUri, fetch: doFetch }: AdminRootProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'starting' });
  const fetcher = useMemo(() => doFetch ?? globalThis.fetch.bind(globalThis), [doFetch]);

  useEffect(() => {
    loadAdminConfig(baseUrl, fetcher).then(
      (config) => setPhase({ name: 'signed-out', config, failure: '' }),
      (error: unknown) => setPhase({ name: 'broken', error }),
    );
  }, [baseUrl, fetcher]);

  useEffect(() => {
    if (phase.name !== 'checking') return;
    const api = createAdminApi({ baseUrl, getToken: () => phase.session.getToken(), fetch: fetcher });
    api.listServers().then(
      () => setPhase({ name: 'ready', config: phase.config, session: phase.session, api }),
      (error: unknown) => {
        if (error instanceof ApiCallError && error.kind === 'forbidden') setPhase({ name: 'forbidden', config: phase.config, session: phase.session });
        else setPhase({ name: 'signed-out', config: phase.config, failure: describeApiError(error, s) });
      },
    );
  }, [phase, baseUrl, fetcher, s]);

  function start(config: PublicConfigBody, signIn: () => Promise<AdminSession>) {
    signIn().then(
      (session) => setPhase({ name: 'checking', config, session }),
      () => setPhase({ name: 'signed-out', config, failure: s.signIn.failed }),
    );
  }

  function signOut(config: PublicConfigBody, session: AdminSession) {
    void session.signOut().catch(() => undefined);
    setPhase({ name: 'signed-out', config, failure: '' });
  }

  switch (phase.name) {
    case 'starting':
    case 'checking':
      return <Spinner label={s.common.loading} />;
    case 'broken':
      return <FormMessage intent="error" text={describeApiError(phase.error, s)} />;
    case 'signed-out': {
      const { config } = phase;
      return (
        <SignInPage
          strings={s}
          config={config}
          failure={phase.failure}
          onMicrosoft={() => start(config, () => signInWithMicrosoft(config, redirectUri))}
          onDevelopment={(request: DevSignInRequest) => start(config, () => signInWithLocalIssuer(config.auth.localTokenUrl ?? '', request, DEFAULT_ADMIN_ROLE, fetcher))}
        />
      );
    }
    case 'forbidden':
      return <ForbiddenPage strings={s} adminRole={DEFAULT_ADMIN_ROLE} onSignOut={() => signOut(phase.config, phase.session)} />;
    case 'ready':
      return <AdminConsole strings={s} api={phase.api} userName={phase.session.displayName} onSignOut={() => signOut(phase.config, phase.session)} />;
  }
}

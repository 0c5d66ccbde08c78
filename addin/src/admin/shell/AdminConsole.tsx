import { Button, makeStyles, Spinner, Tab, TabList, Text, Title3, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { AdminApi } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import { ServersPage } from '../servers/ServersPage';
import { AccountsPage } from '../accounts/AccountsPage';
import { RulesPage } from '../rules/RulesPage';
import { BatchPage } from '../batch/BatchPage';
import { StatusWall } from '../status/StatusWall';
import { useAdminData, type AdminData } from './use-admin-data';

const useStyles = makeStyles({
  header: {
    display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, backgroundColor: tokens.colorNeutralBackground3,
  },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  nav: { padding: `0 ${tokens.spacingHorizontalL}`, overflowX: 'auto' },
  main: { padding: tokens.spacingHorizontalL },
  heading: { marginBottom: tokens.spacingVerticalM },
});

export const adminPages = ['status', 'servers', 'accounts', 'rules', 'batch'] as const;
export type AdminPage = (typeof adminPages)[number];

export interface AdminConsoleProps {
  readonly strings: AdminStrings;
  readonly api: AdminApi;
  readonly userName: string;
  readonly onSignOut: () => void;
  readonly initialPage?: AdminPage;
}

function renderPage(page: AdminPage, s: AdminStrings, api: AdminApi, data: AdminData, reload: () => Promise<void>): ReactNode {
  switch (page) {
    case 'status':
      return <StatusWall strings={s} api={api} accounts={data.accounts} onAccountsChanged={reload} />;
    case 'servers':
      return <ServersPage strings={s} api={api} servers={data.servers} onChanged={reload} />;
    case 'accounts':
      return <AccountsPage strings={s} api={api} data={data} onChanged={reload} />;
    case 'rules':
      return <RulesPage strings={s} api={api} data={data} onChanged={reload} />;
    case 'batch':
      return <BatchPage strings={s} api={api} />;
  }
}

/** The signed-in console: header, one tab per area (B1–B9), the chosen page. */
export function AdminConsole({ strings: s, api, userName, onSignOut, initialPage }: AdminConsoleProps) {
  const styles = useStyles();
  const [page, setPage] = useState<AdminPage>(initialPage ?? 'status');
  const { state, reload } = useAdminData(api);
  return (
    <>
      <header className={styles.header}>
        <Title3 as="h1">{s.appTitle}</Title3>
        <div className={styles.user}>
          <Text>{userName}</Text>
          <Button size="small" onClick={onSignOut}>
            {s.common.signOut}
          </Button>
        </div>
      </header>
      <nav className={styles.nav} aria-label={s.appTitle}>
        <TabList selectedValue={page} onTabSelect={(_e, d) => setPage(adminPages.find((p) => p === d.value) ?? 'status')}>
          {adminPages.map((p) => (
            <Tab key={p} value={p}>
              {s.nav[p]}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <Text as="h2" block size={600} weight="semibold" className={styles.heading}>
          {s.nav[page]}
        </Text>
        {state.phase === 'loading' ? <Spinner label={s.common.loading} /> : null}
        {state.phase === 'failed' ? (
          <>
            <FormMessage intent="error" text={describeApiError(state.error, s)} />
            <Button onClick={() => void reload()}>{s.common.retry}</Button>
          </>
        ) : null}
        {state.phase === 'ready' ? renderPage(page, s, api, state.data, reload) : null}
      </main>
    </>
  );
}

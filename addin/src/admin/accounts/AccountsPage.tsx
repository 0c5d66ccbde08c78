import { Badge, Button, Card, Input, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminApi, MailboxAccount, MailboxAccountInput } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import type { AdminData } from '../shell/use-admin-data';
import { toAccountInput } from './account-input';
import { AccountForm } from './AccountForm';
import { AccountImport } from './AccountImport';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  table: { minWidth: '640px' },
  // Fixed table layout: the three action buttons get room for one line.
  mailboxColumn: { width: '26%' },
  actionsColumn: { width: '30%' },
  scroll: { overflowX: 'auto' },
});

export interface AccountsPageProps {
  readonly strings: AdminStrings;
  readonly api: Pick<AdminApi, 'createAccount' | 'updateAccount' | 'testAndEnable'>;
  readonly data: AdminData;
  readonly onChanged: () => Promise<void>;
}

type Notice = { readonly intent: 'success' | 'error'; readonly text: string };
type Panel = { readonly kind: 'none' } | { readonly kind: 'add' } | { readonly kind: 'import' } | { readonly kind: 'edit'; readonly account: MailboxAccount };

/** B4: list with search, add, import many, activate/deactivate, and "test & enable" with a real impersonated call. */
export function AccountsPage({ strings: s, api, data, onChanged }: AccountsPageProps) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busyId, setBusyId] = useState('');
  const userName = (id: string) => data.users.find((user) => user.id === id)?.displayName ?? id;
  const serverName = (id: string) => data.servers.find((server) => server.id === id)?.name ?? id;
  const wanted = query.trim().toLowerCase();
  const shown = data.accounts.filter((a) => wanted === '' || a.mailbox.includes(wanted) || userName(a.userId).toLowerCase().includes(wanted) || a.userId.toLowerCase().includes(wanted));

  async function act(account: MailboxAccount, action: () => Promise<string | Notice>) {
    setBusyId(account.id);
    try {
      const outcome = await action();
      setNotice(typeof outcome === 'string' ? { intent: 'success', text: outcome } : outcome);
      await onChanged();
    } catch (error) {
      setNotice({ intent: 'error', text: `${account.mailbox}: ${describeApiError(error, s)}` });
    } finally {
      setBusyId('');
    }
  }

  const setActive = (account: MailboxAccount, active: boolean) =>
    act(account, async () => {
      await api.updateAccount(account.id, toAccountInput(account, { active }));
      return `${account.mailbox}: ${active ? s.accounts.active : s.accounts.inactive}`;
    });

  const testAndEnable = (account: MailboxAccount) =>
    act(account, async () => {
      const result = await api.testAndEnable(account.id);
      if (result.ok) return s.accounts.enabled(account.mailbox);
      // Exchange's answer, headed like "Test connection" does; the account stays as it was.
      const problem = s.connection.problems[result.errorKind ?? 'unknown'] ?? s.connection.problems['unknown'];
      return { intent: 'error', text: `${account.mailbox}: ${problem}. ${result.message}` };
    });

  async function save(input: MailboxAccountInput) {
    if (panel.kind === 'edit') await api.updateAccount(panel.account.id, input);
    else await api.createAccount(input);
    setPanel({ kind: 'none' });
    setNotice({ intent: 'success', text: s.common.saved });
    await onChanged();
  }

  async function importMany(accounts: readonly MailboxAccountInput[]): Promise<number> {
    let created = 0;
    for (const account of accounts) {
      await api.createAccount(account);
      created += 1;
    }
    await onChanged();
    return created;
  }

  if (data.servers.length === 0) return <Text>{s.accounts.noServer}</Text>;
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Input aria-label={s.accounts.search} placeholder={s.accounts.search} value={query} onChange={(_e, d) => setQuery(d.value)} type="search" />
        <Button appearance="primary" onClick={() => setPanel({ kind: 'add' })}>
          {s.accounts.add}
        </Button>
        <Button onClick={() => setPanel({ kind: 'import' })}>{s.accounts.import}</Button>
      </div>
      {notice ? <FormMessage intent={notice.intent} text={notice.text} /> : null}
      {panel.kind === 'add' || panel.kind === 'edit' ? (
        <Card>
          <AccountForm
            key={panel.kind === 'edit' ? panel.account.id : 'new'}
            strings={s}
            {...(panel.kind === 'edit' ? { account: panel.account } : {})}
            users={data.users}
            servers={data.servers}
            onSave={save}
            onCancel={() => setPanel({ kind: 'none' })}
          />
        </Card>
      ) : null}
      {panel.kind === 'import' ? (
        <Card>
          <Text as="h3" weight="semibold">{s.accounts.importHeading}</Text>
          <AccountImport strings={s} context={{ users: data.users, servers: data.servers, existing: data.accounts }} onImport={importMany} />
        </Card>
      ) : null}
      {data.accounts.length === 0 ? <Text>{s.accounts.empty}</Text> : shown.length === 0 ? <Text>{s.accounts.noMatch}</Text> : null}
      {shown.length > 0 ? (
        <div className={styles.scroll}>
          <Table className={styles.table} aria-label={s.accounts.heading}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.mailboxColumn}>{s.accounts.mailbox}</TableHeaderCell>
                <TableHeaderCell>{s.accounts.user}</TableHeaderCell>
                <TableHeaderCell>{s.accounts.server}</TableHeaderCell>
                <TableHeaderCell>{s.accounts.state}</TableHeaderCell>
                <TableHeaderCell className={styles.actionsColumn}>{s.status.actions}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((account) => (
                <TableRow key={account.id}>
                  <TableCell>{account.mailbox}</TableCell>
                  <TableCell>{userName(account.userId)}</TableCell>
                  <TableCell>{serverName(account.serverId)}</TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={account.active ? 'success' : 'subtle'}>
                      {account.active ? s.accounts.active : s.accounts.inactive}
                    </Badge>
                    {account.deactivatedReason ? <Text size={200} block>{s.accounts.deactivatedBecause(account.deactivatedReason)}</Text> : null}
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Button size="small" disabled={busyId === account.id} onClick={() => void testAndEnable(account)} aria-label={`${s.accounts.testEnable}: ${account.mailbox}`}>
                        {busyId === account.id ? s.accounts.testing : s.accounts.testEnable}
                      </Button>
                      <Button size="small" disabled={busyId === account.id} onClick={() => void setActive(account, !account.active)} aria-label={`${account.active ? s.accounts.deactivate : s.accounts.activate}: ${account.mailbox}`}>
                        {account.active ? s.accounts.deactivate : s.accounts.activate}
                      </Button>
                      <Button size="small" onClick={() => setPanel({ kind: 'edit', account })} aria-label={`${s.common.edit}: ${account.mailbox}`}>
                        {s.common.edit}
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </div>
  );
}

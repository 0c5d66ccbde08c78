import { Card, Input, makeStyles, Switch, Table, TableBody, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { toAccountInput } from '../accounts/account-input';
import type { AdminApi, MailboxAccount, MailboxStatusView } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import { LiveRegion } from '../../components/LiveRegion';
import { RunHistory } from './RunHistory';
import { StatusRow } from './StatusRow';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'center', flexWrap: 'wrap' },
  scroll: { overflowX: 'auto' },
  table: { minWidth: '960px' },
  // The table lays out fixed columns; these shares keep addresses and errors readable.
  mailbox: { width: '20%' },
  state: { width: '8%' },
  time: { width: '12%' },
  counts: { width: '13%' },
  error: { width: '23%' },
  retry: { width: '10%' },
  actions: { width: '14%' },
});

export const STATUS_REFRESH_MS = 15_000;

type Notice = { readonly intent: 'success' | 'error' | 'warning'; readonly text: string };

export interface StatusWallProps {
  readonly strings: AdminStrings;
  readonly api: AdminApi;
  readonly accounts: readonly MailboxAccount[];
  readonly onAccountsChanged: () => Promise<void>;
  readonly refreshMs?: number;
  readonly now?: () => number;
}

/** B9: one row per mailbox, refreshed while the page is open; history and log open below the wall. */
export function StatusWall({ strings: s, api, accounts, onAccountsChanged, refreshMs = STATUS_REFRESH_MS, now = Date.now }: StatusWallProps) {
  const styles = useStyles();
  const [rows, setRows] = useState<readonly MailboxStatusView[] | null>(null);
  const [updatedAt, setUpdatedAt] = useState(0);
  const [auto, setAuto] = useState(true);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState('');
  const [history, setHistory] = useState<MailboxStatusView | null>(null);

  const refresh = useCallback(async () => {
    try {
      setRows(await api.listStatuses());
      setUpdatedAt(now());
    } catch (error) {
      setNotice({ intent: 'error', text: describeApiError(error, s) });
    }
  }, [api, now, s]);

  useEffect(() => {
    void refresh();
    if (!auto) return;
    const timer = window.setInterval(() => void refresh(), refreshMs);
    return () => window.clearInterval(timer);
  }, [refresh, auto, refreshMs]);

  async function act(row: MailboxStatusView, action: () => Promise<string | Notice>) {
    setBusy(row.accountId);
    try {
      const outcome = await action();
      setNotice(typeof outcome === 'string' ? { intent: 'success', text: outcome } : outcome);
      await refresh();
    } catch (error) {
      setNotice({ intent: 'error', text: `${row.mailbox}: ${describeApiError(error, s)}` });
    } finally {
      setBusy('');
    }
  }

  const reactivate = (row: MailboxStatusView) =>
    act(row, async () => {
      const account = accounts.find((a) => a.id === row.accountId);
      if (!account) throw new Error(row.mailbox);
      await api.updateAccount(account.id, toAccountInput(account, { active: true }));
      await onAccountsChanged();
      return s.status.reactivated(row.mailbox);
    });
  const reset = (row: MailboxStatusView) => {
    if (!window.confirm(s.status.resetConfirm(row.mailbox))) return;
    void act(row, async () => s.status.resetDone((await api.resetAccount(row.accountId)).foldersReset));
  };
  const runNow = (row: MailboxStatusView) =>
    act(row, async () => {
      const result = await api.runNow(row.accountId);
      // A run that failed is not a success just because the button worked.
      return { intent: result.status === 'synced' ? 'success' : 'warning', text: s.status.runResult(row.mailbox, result.message) };
    });

  const wanted = filter.trim().toLowerCase();
  const shown = (rows ?? []).filter((row) => row.mailbox.includes(wanted));
  const time = now();
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Input type="search" aria-label={s.status.filter} placeholder={s.status.filter} value={filter} onChange={(_e, d) => setFilter(d.value)} />
        <Switch checked={auto} onChange={(_e, d) => setAuto(d.checked)} label={s.status.autoRefresh} />
        {updatedAt ? <Text size={200}>{s.status.updated(new Date(updatedAt).toLocaleTimeString())}</Text> : null}
      </div>
      <LiveRegion message={notice?.text ?? ''} />
      {notice ? <FormMessage intent={notice.intent} text={notice.text} /> : null}
      {rows?.length === 0 ? <Text>{s.status.empty}</Text> : null}
      {shown.length > 0 ? (
        <div className={styles.scroll}>
          <Table className={styles.table} aria-label={s.status.heading}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.mailbox}>{s.status.mailbox}</TableHeaderCell>
                <TableHeaderCell className={styles.state}>{s.status.state}</TableHeaderCell>
                <TableHeaderCell className={styles.time}>{s.status.lastSuccess}</TableHeaderCell>
                <TableHeaderCell className={styles.counts}>{s.status.counts}</TableHeaderCell>
                <TableHeaderCell className={styles.error}>{s.status.error}</TableHeaderCell>
                <TableHeaderCell className={styles.retry}>{s.status.nextRetry}</TableHeaderCell>
                <TableHeaderCell className={styles.actions}>{s.status.actions}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((row) => (
                <StatusRow
                  key={row.accountId}
                  strings={s}
                  row={row}
                  now={time}
                  busy={busy === row.accountId}
                  onReactivate={() => void reactivate(row)}
                  onReset={() => reset(row)}
                  onRunNow={() => void runNow(row)}
                  onHistory={() => setHistory(row)}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {history ? (
        <Card>
          <RunHistory key={history.accountId} strings={s} api={api} accountId={history.accountId} mailbox={history.mailbox} />
        </Card>
      ) : null}
    </div>
  );
}

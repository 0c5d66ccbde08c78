import { Button, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AdminApi, SyncLogEntry, SyncRun } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import { RunLog } from './RunLog';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM }, scroll: { overflowX: 'auto' } });

export interface RunHistoryProps {
  readonly strings: AdminStrings;
  readonly api: Pick<AdminApi, 'listRuns' | 'listRunLog'>;
  readonly accountId: string;
  readonly mailbox: string;
}

/** A mailbox's runs, newest first; opening one shows its log. */
export function RunHistory({ strings: s, api, accountId, mailbox }: RunHistoryProps) {
  const styles = useStyles();
  const [runs, setRuns] = useState<readonly SyncRun[] | null>(null);
  const [log, setLog] = useState<{ runId: string; entries: readonly SyncLogEntry[] } | null>(null);
  const [failure, setFailure] = useState('');
  useEffect(() => {
    api.listRuns(accountId).then(setRuns, (error: unknown) => setFailure(describeApiError(error, s)));
  }, [api, accountId, s]);

  async function open(runId: string) {
    try {
      setLog({ runId, entries: await api.listRunLog(runId) });
    } catch (error) {
      setFailure(describeApiError(error, s));
    }
  }

  return (
    <section className={styles.root} aria-label={s.history.heading(mailbox)}>
      <Text as="h3" weight="semibold">{s.history.heading(mailbox)}</Text>
      {failure ? <FormMessage intent="error" text={failure} /> : null}
      {runs === null && !failure ? <Spinner size="tiny" label={s.common.loading} /> : null}
      {runs?.length === 0 ? <Text>{s.history.empty}</Text> : null}
      {runs && runs.length > 0 ? (
        <div className={styles.scroll}>
          <Table size="small" aria-label={s.history.heading(mailbox)}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.history.started}</TableHeaderCell>
                <TableHeaderCell>{s.history.finished}</TableHeaderCell>
                <TableHeaderCell>{s.history.result}</TableHeaderCell>
                <TableHeaderCell>{s.status.actions}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((run) => (
                <TableRow key={run.id} aria-selected={log?.runId === run.id}>
                  <TableCell>{new Date(run.startedAt).toLocaleString()}</TableCell>
                  <TableCell>{run.finishedAt ? new Date(run.finishedAt).toLocaleTimeString() : s.history.running}</TableCell>
                  <TableCell>{run.error ?? (run.counts ? s.status.countsText(run.counts) : s.common.none)}</TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => void open(run.id)}>
                      {s.history.openLog}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {log ? <RunLog key={log.runId} strings={s} entries={log.entries} /> : null}
    </section>
  );
}

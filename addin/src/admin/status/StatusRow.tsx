import { Badge, Button, makeStyles, TableCell, TableRow, Text, tokens } from '@fluentui/react-components';
import type { MailboxStatusView } from '../api/admin-api';
import type { AdminStrings } from '../i18n/admin-strings';
import { classifyMailbox, minutesUntil, type MailboxState } from './mailbox-state';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  mailbox: { overflowWrap: 'anywhere' },
  explain: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

const badgeColor: Record<MailboxState, 'success' | 'danger' | 'warning' | 'subtle' | 'informative'> = { ok: 'success', failing: 'danger', waiting: 'warning', inactive: 'subtle', never: 'informative' };

export interface StatusRowProps {
  readonly strings: AdminStrings;
  readonly row: MailboxStatusView;
  readonly now: number;
  readonly busy: boolean;
  readonly onReactivate: () => void;
  readonly onReset: () => void;
  readonly onRunNow: () => void;
  readonly onHistory: () => void;
}

/** One mailbox on the wall: its state, last success, counts, the error with meaning and fix, and its actions. */
export function StatusRow({ strings: s, row, now, busy, onReactivate, onReset, onRunNow, onHistory }: StatusRowProps) {
  const styles = useStyles();
  const state = classifyMailbox(row, now);
  const label = { ok: s.status.ok, failing: s.status.failing, waiting: s.status.waiting, inactive: s.status.inactive, never: s.status.neverRun }[state];
  const kind = row.lastErrorKind ? (s.kinds[row.lastErrorKind] ?? s.kinds['unknown']) : undefined;
  const error = row.lastError ?? row.deactivatedReason;
  return (
    <TableRow data-mailbox={row.mailbox} data-state={state}>
      <TableCell className={styles.mailbox}>{row.mailbox}</TableCell>
      <TableCell>
        <Badge appearance="filled" color={badgeColor[state]}>
          {label}
        </Badge>{' '}
        {row.alert ? <Badge appearance="outline" color="danger">{s.status.alert}</Badge> : null}
      </TableCell>
      <TableCell>{row.lastSuccessAt ? new Date(row.lastSuccessAt).toLocaleString() : s.common.never}</TableCell>
      <TableCell>{s.status.countsText(row.counts)}</TableCell>
      <TableCell>
        {error ? <Text>{error}</Text> : s.common.none}
        {kind && error ? (
          <>
            <span className={styles.explain}>
              {s.status.meaning}: {kind.meaning}
            </span>
            <span className={styles.explain}>
              {s.status.fix}: {kind.fix}
            </span>
          </>
        ) : null}
      </TableCell>
      <TableCell>{row.nextAttemptAt ? s.status.waitingUntil(new Date(row.nextAttemptAt).toLocaleTimeString(), minutesUntil(row.nextAttemptAt, now)) : s.common.none}</TableCell>
      <TableCell>
        <div className={styles.actions}>
          {!row.active ? (
            <Button size="small" appearance="primary" disabled={busy} onClick={onReactivate} aria-label={`${s.status.reactivate}: ${row.mailbox}`}>
              {s.status.reactivate}
            </Button>
          ) : (
            <Button size="small" disabled={busy} onClick={onRunNow} aria-label={`${s.status.runNow}: ${row.mailbox}`}>
              {s.status.runNow}
            </Button>
          )}
          <Button size="small" disabled={busy} onClick={onReset} aria-label={`${s.status.reset}: ${row.mailbox}`}>
            {s.status.reset}
          </Button>
          <Button size="small" onClick={onHistory} aria-label={`${s.status.history}: ${row.mailbox}`}>
            {s.status.history}
          </Button>
        </div>
      </TableCell>
    </TableRow>
  );
}

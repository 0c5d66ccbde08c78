import { Field, makeStyles, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { SyncLogEntry } from '../api/admin-api';
import type { AdminStrings } from '../i18n/admin-strings';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  scroll: { overflowX: 'auto' },
  detail: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

const outcomes = ['created', 'changed', 'deleted', 'failed'] as const;

/** The outcome a log action belongs to: `create`/`created`/`exchange.create` all count as created. */
export function outcomeOf(action: string): string {
  const lower = action.toLowerCase();
  if (lower.includes('fail') || lower.includes('error')) return 'failed';
  if (lower.includes('creat')) return 'created';
  if (lower.includes('delet')) return 'deleted';
  if (lower.includes('chang') || lower.includes('updat')) return 'changed';
  return 'other';
}

/** B9 drill-down: one run's log, filterable by data type, outcome and side. */
export function RunLog({ strings: s, entries }: { readonly strings: AdminStrings; readonly entries: readonly SyncLogEntry[] }) {
  const styles = useStyles();
  const [dataType, setDataType] = useState('');
  const [outcome, setOutcome] = useState('');
  const [side, setSide] = useState('');
  const dataTypes = [...new Set(entries.map((entry) => entry.dataType).filter((t): t is string => t !== null))];
  const shown = entries.filter((e) => (dataType === '' || e.dataType === dataType) && (outcome === '' || outcomeOf(e.action) === outcome) && (side === '' || e.side === side));
  return (
    <section aria-label={s.history.logHeading}>
      <Text as="h4" weight="semibold">{s.history.logHeading}</Text>
      <div className={styles.filters}>
        <Field label={s.history.filterType}>
          <Select value={dataType} onChange={(_e, d) => setDataType(d.value)}>
            <option value="">{s.history.any}</option>
            {dataTypes.map((type) => (
              <option key={type} value={type}>
                {s.rules.dataTypes[type] ?? type}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.history.filterOutcome}>
          <Select value={outcome} onChange={(_e, d) => setOutcome(d.value)}>
            <option value="">{s.history.any}</option>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {s.history.outcomes[o]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.history.filterSide}>
          <Select value={side} onChange={(_e, d) => setSide(d.value)}>
            <option value="">{s.history.any}</option>
            <option value="crm">CRM</option>
            <option value="exchange">Exchange</option>
          </Select>
        </Field>
      </div>
      <div role="status">{shown.length === 0 ? <Text>{s.history.logEmpty}</Text> : null}</div>
      {shown.length > 0 ? (
        <div className={styles.scroll}>
          <Table size="small" aria-label={s.history.logHeading}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.history.at}</TableHeaderCell>
                <TableHeaderCell>{s.history.side}</TableHeaderCell>
                <TableHeaderCell>{s.history.action}</TableHeaderCell>
                <TableHeaderCell>{s.history.filterType}</TableHeaderCell>
                <TableHeaderCell>{s.history.item}</TableHeaderCell>
                <TableHeaderCell>{s.history.detail}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((entry, index) => (
                <TableRow key={`${entry.at}-${index}`}>
                  <TableCell>{new Date(entry.at).toLocaleTimeString()}</TableCell>
                  <TableCell>{entry.side}</TableCell>
                  <TableCell>{entry.action}</TableCell>
                  <TableCell>{entry.dataType ? (s.rules.dataTypes[entry.dataType] ?? entry.dataType) : s.common.none}</TableCell>
                  <TableCell>{entry.crmId ?? entry.itemId ?? s.common.none}</TableCell>
                  <TableCell className={styles.detail}>{Object.keys(entry.detail).length > 0 ? JSON.stringify(entry.detail) : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}

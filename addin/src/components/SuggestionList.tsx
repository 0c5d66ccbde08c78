import { Button, Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RecordSummary } from '../api/crm-api';
import type { Strings } from '../i18n/strings';
import { RecordRow } from './RecordRow';
import { buildRecordKey } from './record-text';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  empty: { color: tokens.colorNeutralForeground3 },
  actions: { paddingBlockStart: tokens.spacingVerticalS },
});

export interface SuggestionListProps {
  readonly records: readonly RecordSummary[];
  readonly strings: Strings;
  readonly linkedKeys: ReadonlySet<string>;
  readonly busyKeys: ReadonlySet<string>;
  readonly recordUrl: (type: string, id: string) => string | undefined;
  readonly onLink: (records: readonly RecordSummary[]) => void;
}

/** One click links a single record; checkboxes collect several for one "link selected". */
export function SuggestionList({ records, strings, linkedKeys, busyKeys, recordUrl, onLink }: SuggestionListProps) {
  const styles = useStyles();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const open = records.filter((r) => !linkedKeys.has(buildRecordKey(r)));
  if (open.length === 0) return <Text className={styles.empty}>{strings.noSuggestions}</Text>;
  const chosen = open.filter((r) => selected.has(buildRecordKey(r)));
  const toggle = (key: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  return (
    <div>
      <ul className={styles.list}>
        {open.map((record) => {
          const key = buildRecordKey(record);
          return (
            <li key={key}>
              <RecordRow
                record={record}
                strings={strings}
                recordUrl={recordUrl(record.type, record.id)}
                leading={
                  <Checkbox aria-label={strings.selectNamed(record.name)} checked={selected.has(key)} onChange={(_e, data) => toggle(key, data.checked === true)} />
                }
                trailing={
                  <Button size="small" appearance="primary" disabled={busyKeys.has(key)} aria-label={strings.linkNamed(record.name)} onClick={() => onLink([record])}>
                    {strings.link}
                  </Button>
                }
              />
            </li>
          );
        })}
      </ul>
      {chosen.length > 0 ? (
        <div className={styles.actions}>
          <Button
            appearance="secondary"
            onClick={() => {
              onLink(chosen);
              setSelected(new Set());
            }}
          >
            {strings.linkSelected(chosen.length)}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

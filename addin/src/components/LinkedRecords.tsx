import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { LinkedRecord } from '../api/crm-api';
import type { Strings } from '../i18n/strings';
import { RecordRow } from './RecordRow';
import { buildRecordKey } from './record-text';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  empty: { color: tokens.colorNeutralForeground3 },
});

export interface LinkedRecordsProps {
  readonly links: readonly LinkedRecord[];
  readonly strings: Strings;
  readonly busyKeys: ReadonlySet<string>;
  readonly recordUrl: (type: string, id: string) => string | undefined;
  readonly onUnlink: (link: LinkedRecord) => void;
}

export function LinkedRecords({ links, strings, busyKeys, recordUrl, onUnlink }: LinkedRecordsProps) {
  const styles = useStyles();
  if (links.length === 0) return <Text className={styles.empty}>{strings.noLinks}</Text>;
  return (
    <ul className={styles.list}>
      {links.map((link) => {
        const key = buildRecordKey(link.record);
        return (
          <li key={key}>
            <RecordRow
              record={link.record}
              strings={strings}
              recordUrl={recordUrl(link.record.type, link.record.id)}
              trailing={
                <Button size="small" appearance="subtle" disabled={busyKeys.has(key)} aria-label={strings.unlinkNamed(link.record.name)} onClick={() => onUnlink(link)}>
                  {strings.unlink}
                </Button>
              }
            />
          </li>
        );
      })}
    </ul>
  );
}

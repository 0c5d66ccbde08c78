import { Badge, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { RecordSummary } from '../api/crm-api';
import type { Strings } from '../i18n/strings';
import { describeRecord } from './record-text';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  text: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  detail: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  badge: { flexShrink: 0 },
});

export interface RecordRowProps {
  readonly record: RecordSummary;
  readonly strings: Strings;
  readonly recordUrl?: string;
  /** Controls before the text (a checkbox) and after it (link/unlink buttons). */
  readonly leading?: ReactNode;
  readonly trailing?: ReactNode;
}

export function RecordRow({ record, strings, recordUrl, leading, trailing }: RecordRowProps) {
  const styles = useStyles();
  const detail = describeRecord(record);
  return (
    <div className={styles.row}>
      {leading}
      <div className={styles.text}>
        {recordUrl ? (
          <Link className={styles.name} href={recordUrl} target="_blank" rel="noopener noreferrer" aria-label={strings.openInCrm(record.name)}>
            {record.name}
          </Link>
        ) : (
          <Text className={styles.name}>{record.name}</Text>
        )}
        {detail ? <Text size={200} className={styles.detail}>{detail}</Text> : null}
      </div>
      <Badge className={styles.badge} appearance="tint" size="small">
        {strings.types[record.type]}
      </Badge>
      {trailing}
    </div>
  );
}

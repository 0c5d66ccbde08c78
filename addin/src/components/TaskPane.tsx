import { makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { LinkedRecord, RecordSummary, SearchHit } from '../api/crm-api';
import type { Strings } from '../i18n/strings';
import type { ItemKind } from '../office/item-context';
import type { PaneProblem } from '../pane/describe-error';
import type { FileState } from '../pane/use-pane-controller';
import { FileMailAction } from './FileMailAction';
import { LinkedRecords } from './LinkedRecords';
import { LiveRegion } from './LiveRegion';
import { ProblemBar } from './ProblemBar';
import { RecordSearch } from './RecordSearch';
import { SuggestionList } from './SuggestionList';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  subject: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  kind: { color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
});

export interface TaskPaneProps {
  readonly strings: Strings;
  readonly kind: ItemKind;
  readonly subject: string;
  readonly links: readonly LinkedRecord[] | undefined;
  readonly suggestions: readonly RecordSummary[] | undefined;
  readonly linkedKeys: ReadonlySet<string>;
  readonly busyKeys: ReadonlySet<string>;
  readonly problem: PaneProblem | undefined;
  readonly announcement: string;
  readonly fileState: FileState;
  /** False for drafts and appointments: only received or sent mails are filed (C8). */
  readonly canFile: boolean;
  readonly recordUrl: (type: string, id: string) => string | undefined;
  readonly onRetry: () => void;
  readonly onLink: (records: readonly RecordSummary[]) => void;
  readonly onUnlink: (link: LinkedRecord) => void;
  readonly onFile: () => void;
  readonly search: (query: string, signal: AbortSignal) => Promise<SearchHit[]>;
  readonly onAnnounce: (message: string) => void;
  readonly onError: (error: unknown) => void;
}

function Section({ id, title, children }: { readonly id: string; readonly title: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

export function TaskPane(props: TaskPaneProps) {
  const styles = useStyles();
  const { strings } = props;
  return (
    <main className={styles.root} aria-label={strings.paneTitle}>
      <header className={styles.header}>
        <Text size={200} className={styles.kind}>
          {strings.kinds[props.kind]}
        </Text>
        <Text weight="semibold" className={styles.subject} title={props.subject}>
          {props.subject}
        </Text>
      </header>
      {props.problem ? <ProblemBar problem={props.problem} strings={strings} onRetry={props.onRetry} /> : null}
      <Section id="pane-linked" title={strings.linkedHeading}>
        {props.links ? (
          <LinkedRecords links={props.links} strings={strings} busyKeys={props.busyKeys} recordUrl={props.recordUrl} onUnlink={props.onUnlink} />
        ) : (
          <Spinner size="tiny" label={strings.loading} />
        )}
      </Section>
      {props.canFile && props.links ? <FileMailAction strings={strings} state={props.fileState} onFile={props.onFile} /> : null}
      {props.kind === 'message-compose' ? <Text size={200}>{strings.composeNotFiled}</Text> : null}
      <Section id="pane-suggestions" title={strings.suggestionsHeading}>
        {props.suggestions ? (
          <SuggestionList
            records={props.suggestions}
            strings={strings}
            linkedKeys={props.linkedKeys}
            busyKeys={props.busyKeys}
            recordUrl={props.recordUrl}
            onLink={props.onLink}
          />
        ) : (
          <Spinner size="tiny" label={strings.loading} />
        )}
      </Section>
      <RecordSearch
        strings={strings}
        search={props.search}
        linkedKeys={props.linkedKeys}
        onLink={(record) => props.onLink([record])}
        onAnnounce={props.onAnnounce}
        onError={props.onError}
      />
      <LiveRegion message={props.announcement} />
    </main>
  );
}

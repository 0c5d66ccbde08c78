import { Field, Input, makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RecordSummary, SearchHit } from '../api/crm-api';
import type { Strings } from '../i18n/strings';
import { RecordRow } from './RecordRow';
import { buildRecordKey } from './record-text';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  option: {
    cursor: 'pointer',
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected, outline: `${tokens.strokeWidthThin} solid ${tokens.colorStrokeFocus2}` },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface RecordSearchProps {
  readonly strings: Strings;
  readonly search: (query: string, signal: AbortSignal) => Promise<SearchHit[]>;
  readonly linkedKeys: ReadonlySet<string>;
  readonly onLink: (record: RecordSummary) => void;
  /** Reports result counts and failures for the pane's live region. */
  readonly onAnnounce: (message: string) => void;
  readonly onError: (error: unknown) => void;
  readonly debounceMs?: number;
}

type SearchState = { readonly status: 'idle' | 'loading' | 'done'; readonly hits: readonly SearchHit[]; readonly query: string };

/** Type-ahead over every linkable type, as an ARIA combobox: arrows move, Enter links, Escape clears. */
export function RecordSearch({ strings, search, linkedKeys, onLink, onAnnounce, onError, debounceMs = 250 }: RecordSearchProps) {
  const styles = useStyles();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle', hits: [], query: '' });
  const [active, setActive] = useState(-1);
  const announce = useRef(onAnnounce);
  const report = useRef(onError);
  announce.current = onAnnounce;
  report.current = onError;

  useEffect(() => {
    const trimmed = query.trim();
    if (!trimmed) {
      setState({ status: 'idle', hits: [], query: '' });
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((prev) => ({ ...prev, status: 'loading' }));
      search(trimmed, controller.signal).then(
        (hits) => {
          setState({ status: 'done', hits, query: trimmed });
          setActive(hits.length > 0 ? 0 : -1);
          announce.current(hits.length ? strings.resultsAnnounced(hits.length) : strings.noResults(trimmed));
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({ status: 'done', hits: [], query: trimmed });
          report.current(error);
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, search, debounceMs, strings]);

  const hits = state.hits;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      setActive((i) => (i + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      const hit = hits[active];
      if (hit && !linkedKeys.has(buildRecordKey(hit.record))) onLink(hit.record);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  const expanded = hits.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div>
      <Field label={strings.searchLabel} hint={strings.searchHint}>
        <Input
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          placeholder={strings.searchPlaceholder}
          value={query}
          onChange={(_e, data) => setQuery(data.value)}
          onKeyDown={onKeyDown}
          contentAfter={state.status === 'loading' ? <Spinner size="extra-tiny" aria-label={strings.loading} /> : undefined}
        />
      </Field>
      <ul id={listId} role="listbox" aria-label={strings.searchLabel} className={styles.list}>
        {hits.map((hit, index) => {
          const linked = linkedKeys.has(buildRecordKey(hit.record));
          return (
            <li
              key={buildRecordKey(hit.record)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              aria-disabled={linked}
              className={mergeClasses(styles.option, index === active && styles.active)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => (linked ? undefined : onLink(hit.record))}
            >
              <RecordRow record={hit.record} strings={strings} trailing={linked ? <Text size={200} className={styles.muted}>{strings.linked}</Text> : undefined} />
            </li>
          );
        })}
      </ul>
      {state.status === 'done' && hits.length === 0 ? <Text className={styles.muted}>{strings.noResults(state.query)}</Text> : null}
    </div>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CrmApi, LinkedRecord, RecordSummary, SearchHit } from '../api/crm-api';
import { buildRecordKey } from '../components/record-text';
import type { Strings } from '../i18n/strings';
import type { ItemContext } from '../office/item-context';
import { describeError, type PaneProblem } from './describe-error';
import { buildDescriptor, buildIdentities, buildRecordRef } from './item-descriptor';

export type FileState = 'idle' | 'filing' | 'filed' | 'filed-again';

export interface PaneController {
  readonly links: readonly LinkedRecord[] | undefined;
  readonly suggestions: readonly RecordSummary[] | undefined;
  readonly linkedKeys: ReadonlySet<string>;
  readonly busyKeys: ReadonlySet<string>;
  readonly problem: PaneProblem | undefined;
  readonly announcement: string;
  readonly fileState: FileState;
  readonly reload: () => void;
  readonly link: (records: readonly RecordSummary[]) => void;
  readonly unlink: (link: LinkedRecord) => void;
  readonly fileMail: () => void;
  readonly search: (query: string, signal: AbortSignal) => Promise<SearchHit[]>;
  readonly announce: (message: string) => void;
  readonly reportError: (error: unknown) => void;
}

/** Everything the pane does with the backend for one open item, as state plus callbacks. */
export function usePaneController(api: CrmApi, context: ItemContext, strings: Strings): PaneController {
  const [links, setLinks] = useState<readonly LinkedRecord[] | undefined>();
  const [suggestions, setSuggestions] = useState<readonly RecordSummary[] | undefined>();
  const [busyKeys, setBusyKeys] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<PaneProblem | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [fileState, setFileState] = useState<FileState>('idle');
  const [generation, setGeneration] = useState(0);

  const identities = useMemo(() => buildIdentities(context), [context]);
  const reportError = useCallback((error: unknown) => setProblem(describeError(error, strings)), [strings]);

  useEffect(() => {
    let current = true;
    setProblem(undefined);
    const addresses = context.addresses.map((a) => a.address);
    Promise.all([
      Object.keys(identities).length ? api.listLinks(identities) : Promise.resolve([]),
      api.suggestRecords(addresses),
    ]).then(
      ([linked, suggested]) => {
        if (!current) return;
        setLinks(linked);
        setSuggestions(suggested.map((s) => s.record));
        setAnnouncement(strings.suggestionsAnnounced(suggested.length));
      },
      (error: unknown) => {
        if (!current) return;
        setLinks((prev) => prev ?? []);
        setSuggestions((prev) => prev ?? []);
        reportError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [api, context, identities, strings, reportError, generation]);

  const refreshLinks = useCallback(async () => setLinks(await api.listLinks(identities)), [api, identities]);

  const withBusy = useCallback(
    async (keys: readonly string[], action: () => Promise<void>) => {
      setBusyKeys((prev) => new Set([...prev, ...keys]));
      try {
        setProblem(undefined);
        await action();
        await refreshLinks();
      } catch (error) {
        reportError(error);
      } finally {
        setBusyKeys((prev) => new Set([...prev].filter((k) => !keys.includes(k))));
      }
    },
    [refreshLinks, reportError],
  );

  const link = useCallback(
    (records: readonly RecordSummary[]) => {
      void withBusy(records.map(buildRecordKey), () => api.linkRecords(buildDescriptor(context), records.map(buildRecordRef)));
    },
    [api, context, withBusy],
  );

  const unlink = useCallback(
    (linked: LinkedRecord) => {
      void withBusy([buildRecordKey(linked.record)], () => api.unlinkRecords(identities, [buildRecordRef(linked.record)]));
    },
    [api, identities, withBusy],
  );

  const fileMail = useCallback(() => {
    const ewsId = context.identity.ewsId;
    if (!ewsId) return;
    setFileState('filing');
    setProblem(undefined);
    api
      .fileMail({ mailbox: context.identity.mailbox, ewsId, records: (links ?? []).map((l) => buildRecordRef(l.record)) })
      .then(async (result) => {
        setFileState(result.created ? 'filed' : 'filed-again');
        setAnnouncement(result.created ? strings.filed : strings.filedAgain);
        await refreshLinks();
      })
      .catch((error: unknown) => {
        setFileState('idle');
        reportError(error);
      });
  }, [api, context, links, refreshLinks, reportError, strings]);

  const search = useCallback((query: string, signal: AbortSignal) => api.searchRecords(query, [], signal), [api]);
  const linkedKeys = useMemo(() => new Set((links ?? []).map((l) => buildRecordKey(l.record))), [links]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { links, suggestions, linkedKeys, busyKeys, problem, announcement, fileState, reload, link, unlink, fileMail, search, announce: setAnnouncement, reportError };
}

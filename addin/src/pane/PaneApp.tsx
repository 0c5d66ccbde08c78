import { useCallback } from 'react';
import type { CrmApi } from '../api/crm-api';
import { buildRecordUrl } from '../api/public-config';
import { TaskPane } from '../components/TaskPane';
import type { Strings } from '../i18n/strings';
import type { ItemContext } from '../office/item-context';
import { usePaneController } from './use-pane-controller';
import { useOnline } from './use-online';

export interface PaneAppProps {
  readonly api: CrmApi;
  readonly context: ItemContext;
  readonly strings: Strings;
  readonly recordUrlPattern: string | undefined;
  readonly win: Window;
}

/** Wires the controller to the presentational pane; the only component that holds state. */
export function PaneApp({ api, context, strings, recordUrlPattern, win }: PaneAppProps) {
  const pane = usePaneController(api, context, strings);
  const online = useOnline(win);
  const recordUrl = useCallback((type: string, id: string) => buildRecordUrl(recordUrlPattern, type, id), [recordUrlPattern]);
  const problem = online ? pane.problem : { kind: 'offline' as const, message: strings.offline };
  return (
    <TaskPane
      strings={strings}
      kind={context.kind}
      subject={context.subject}
      links={pane.links}
      suggestions={pane.suggestions}
      linkedKeys={pane.linkedKeys}
      busyKeys={pane.busyKeys}
      problem={problem}
      announcement={pane.announcement}
      fileState={pane.fileState}
      canFile={context.kind === 'message-read' && Boolean(context.identity.ewsId)}
      recordUrl={recordUrl}
      onRetry={pane.reload}
      onLink={pane.link}
      onUnlink={pane.unlink}
      onFile={pane.fileMail}
      search={pane.search}
      onAnnounce={pane.announce}
      onError={pane.reportError}
    />
  );
}

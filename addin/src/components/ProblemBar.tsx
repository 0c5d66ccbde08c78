import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import type { Strings } from '../i18n/strings';
import type { PaneProblem } from '../pane/describe-error';

export interface ProblemBarProps {
  readonly problem: PaneProblem;
  readonly strings: Strings;
  readonly onRetry: () => void;
}

export function ProblemBar({ problem, strings, onRetry }: ProblemBarProps) {
  return (
    <MessageBar intent={problem.kind === 'offline' ? 'warning' : 'error'} layout="multiline">
      <MessageBarBody>{problem.message}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry}>
          {strings.retry}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import type { Strings } from '../i18n/strings';
import { describeError } from '../pane/describe-error';

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalM } });

/** Shown when the pane cannot start (no item, no server, no sign-in configured). */
export function StartupProblem({ strings, error }: { readonly strings: Strings; readonly error: unknown }) {
  const styles = useStyles();
  const problem = describeError(error, strings);
  return (
    <div className={styles.root}>
      <MessageBar intent={problem.kind === 'offline' ? 'warning' : 'error'} layout="multiline">
        <MessageBarBody>{problem.message}</MessageBarBody>
      </MessageBar>
    </div>
  );
}

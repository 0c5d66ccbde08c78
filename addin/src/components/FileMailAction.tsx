import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Strings } from '../i18n/strings';
import type { FileState } from '../pane/use-pane-controller';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  hint: { color: tokens.colorNeutralForeground3 },
  done: { color: tokens.colorPaletteGreenForeground1 },
});

export interface FileMailActionProps {
  readonly strings: Strings;
  readonly state: FileState;
  readonly onFile: () => void;
}

export function FileMailAction({ strings, state, onFile }: FileMailActionProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Button appearance="primary" disabled={state === 'filing'} onClick={onFile}>
        {strings.fileMail}
      </Button>
      {state === 'filed' || state === 'filed-again' ? (
        <Text className={styles.done}>{state === 'filed' ? strings.filed : strings.filedAgain}</Text>
      ) : (
        <Text size={200} className={styles.hint}>
          {strings.fileMailHint}
        </Text>
      )}
    </div>
  );
}

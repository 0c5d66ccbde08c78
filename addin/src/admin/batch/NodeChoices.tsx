import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { BatchNode } from '../../../../shared/admin/batch-settings.schema';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface NodeChoicesProps {
  readonly strings: AdminStrings;
  /** Nodes that reported recently (batch status), most recent first. */
  readonly nodes: readonly BatchNode[];
  /** What the node field holds now; empty means every node. */
  readonly value: string;
  readonly onPick: (name: string) => void;
}

/**
 * B6: the backend nodes an admin can pick, so the name need not be typed (a mistyped
 * name would stop the sync everywhere). Warns when the chosen node has not reported.
 */
export function NodeChoices({ strings: s, nodes, value, onPick }: NodeChoicesProps) {
  const styles = useStyles();
  const chosen = value.trim().toLowerCase();
  const unknown = chosen !== '' && !nodes.some((node) => node.name.toLowerCase() === chosen);
  return (
    <>
      <div className={styles.row} role="group" aria-label={s.batch.nodesSeen}>
        <Text size={200}>{nodes.length > 0 ? `${s.batch.nodesSeen}:` : s.batch.noNodesSeen}</Text>
        <Button type="button" size="small" appearance={chosen === '' ? 'primary' : 'secondary'} aria-pressed={chosen === ''} onClick={() => onPick('')}>
          {s.batch.anyNode}
        </Button>
        {nodes.map((node) => {
          const pressed = node.name.toLowerCase() === chosen;
          return (
            <Button key={node.name} type="button" size="small" appearance={pressed ? 'primary' : 'secondary'} aria-pressed={pressed} title={new Date(node.lastSeenAt).toLocaleString()} onClick={() => onPick(node.name)}>
              {node.name}
            </Button>
          );
        })}
      </div>
      {unknown ? <FormMessage intent="warning" text={s.batch.nodeNotSeen(value.trim())} /> : null}
    </>
  );
}

import { Button, Card, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import type { AdminStrings } from '../i18n/admin-strings';

const useStyles = makeStyles({
  root: { display: 'flex', justifyContent: 'center', padding: tokens.spacingHorizontalXXL },
  card: { maxWidth: '560px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** B10: a signed-in user without the admin role gets an explanation, not a half-working console. */
export function ForbiddenPage({ strings: s, adminRole, onSignOut }: { readonly strings: AdminStrings; readonly adminRole: string; readonly onSignOut: () => void }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Card className={styles.card} role="alert">
        <Title2 as="h1">{s.forbidden.title}</Title2>
        <Text>{s.forbidden.body(adminRole)}</Text>
        <div>
          <Button onClick={onSignOut}>{s.common.signOut}</Button>
        </div>
      </Card>
    </main>
  );
}

import { Button, Card, Checkbox, Field, Input, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { DevSignInRequest, PublicConfigBody } from '../auth/admin-sign-in';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';

const useStyles = makeStyles({
  root: { display: 'flex', justifyContent: 'center', padding: tokens.spacingHorizontalXXL },
  card: { maxWidth: '520px', width: '100%', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  dev: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorPaletteMarigoldBorder2}`, padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusMedium },
});

export interface SignInPageProps {
  readonly strings: AdminStrings;
  readonly config: PublicConfigBody;
  readonly failure: string;
  readonly onMicrosoft: () => void;
  readonly onDevelopment: (request: DevSignInRequest) => void;
}

/** Entra sign-in in production; with the local issuer on, a visibly marked development sign-in. */
export function SignInPage({ strings: s, config, failure, onMicrosoft, onDevelopment }: SignInPageProps) {
  const styles = useStyles();
  const [subject, setSubject] = useState('admin');
  const [name, setName] = useState('Admin');
  const [admin, setAdmin] = useState(true);
  const msalReady = Boolean(config.auth.clientId && config.auth.authority && config.auth.apiScope);
  const local = config.auth.mode === 'local' && config.auth.localTokenUrl;

  function submitDev(event: FormEvent) {
    event.preventDefault();
    onDevelopment({ subject: subject.trim() || 'admin', name: name.trim(), admin });
  }

  return (
    <main className={styles.root}>
      <Card className={styles.card}>
        <Title2 as="h1">{s.signIn.title}</Title2>
        <Text>{s.signIn.intro}</Text>
        {failure ? <FormMessage intent="error" text={failure} /> : null}
        {msalReady ? (
          <Button appearance="primary" onClick={onMicrosoft}>
            {s.signIn.microsoft}
          </Button>
        ) : null}
        {!msalReady && !local ? <FormMessage intent="warning" text={s.signIn.notConfigured} /> : null}
        {local ? (
          <form className={styles.dev} onSubmit={submitDev} aria-label={s.signIn.devTitle}>
            <Text weight="semibold">{s.signIn.devTitle}</Text>
            <Text size={200}>{s.signIn.devHint}</Text>
            <Field label={s.signIn.devSubject}>
              <Input value={subject} onChange={(_e, d) => setSubject(d.value)} />
            </Field>
            <Field label={s.signIn.devName}>
              <Input value={name} onChange={(_e, d) => setName(d.value)} />
            </Field>
            <Checkbox checked={admin} onChange={(_e, d) => setAdmin(d.checked === true)} label={s.signIn.devAdmin} />
            <Button type="submit" appearance={msalReady ? 'secondary' : 'primary'}>
              {s.signIn.devSignIn}
            </Button>
          </form>
        ) : null}
      </Card>
    </main>
  );
}

import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminApi, DiscoverResult, ExchangeServer, TestConnectionResult } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '880px' },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '240px' },
});

export interface ConnectionToolsProps {
  readonly strings: AdminStrings;
  readonly api: Pick<AdminApi, 'discoverUrl' | 'testConnection'>;
  readonly server: ExchangeServer;
  /** Takes a discovered URL into the server record. */
  readonly onUseUrl: (url: string) => Promise<void>;
}

/** B2 "Discover URL" and "Test connection" of a saved server, with the outcome right below the button. */
export function ConnectionTools({ strings: s, api, server, onUseUrl }: ConnectionToolsProps) {
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [mailbox, setMailbox] = useState('');
  const [discovery, setDiscovery] = useState<DiscoverResult | null>(null);
  const [test, setTest] = useState<TestConnectionResult | null>(null);
  const [busy, setBusy] = useState<'discover' | 'test' | null>(null);
  const [failure, setFailure] = useState('');

  async function run(kind: 'discover' | 'test') {
    setBusy(kind);
    setFailure('');
    try {
      if (kind === 'discover') setDiscovery(await api.discoverUrl(server.id, email.trim()));
      else setTest(await api.testConnection(server.id, mailbox.trim() || undefined));
    } catch (error) {
      setFailure(describeApiError(error, s));
    } finally {
      setBusy(null);
    }
  }

  const problemTitle = test && !test.ok ? (s.connection.problems[test.errorKind ?? 'unknown'] ?? s.connection.problems['unknown']) : '';
  return (
    <section className={styles.root} aria-label={s.connection.heading}>
      <div className={styles.row}>
        <Field className={styles.grow} label={s.connection.discoverEmail}>
          <Input type="email" value={email} onChange={(_e, d) => setEmail(d.value)} />
        </Field>
        <Button onClick={() => void run('discover')} disabled={busy !== null || email.trim() === ''}>
          {busy === 'discover' ? s.connection.discovering : s.connection.discover}
        </Button>
      </div>
      {discovery ? (
        <div role="status">
          <MessageBar intent={discovery.ewsUrl ? 'success' : 'warning'} layout="multiline">
            <MessageBarBody>{discovery.message}</MessageBarBody>
          </MessageBar>
          {discovery.ewsUrl && discovery.ewsUrl !== server.ewsUrl ? (
            <Button appearance="primary" size="small" onClick={() => void onUseUrl(discovery.ewsUrl ?? '')}>
              {s.connection.useUrl}
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className={styles.row}>
        <Field className={styles.grow} label={s.connection.testMailbox} hint={s.connection.testMailboxHint}>
          <Input type="email" value={mailbox} onChange={(_e, d) => setMailbox(d.value)} />
        </Field>
        <Button appearance="primary" onClick={() => void run('test')} disabled={busy !== null}>
          {busy === 'test' ? s.connection.testing : s.connection.test}
        </Button>
        {busy ? <Spinner size="tiny" aria-label={s.common.loading} /> : null}
      </div>
      {test ? (
        <div role={test.ok ? 'status' : 'alert'}>
          <MessageBar intent={test.ok ? 'success' : 'error'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{test.ok ? s.connection.ok : problemTitle}</MessageBarTitle>
              {test.message}
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : null}
      {failure ? <FormMessage intent="error" text={failure} /> : null}
    </section>
  );
}

import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { DiscoverResult, DraftDiscoverRequest } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import type { ServerDraft } from './server-draft';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '240px' },
});

export interface DraftDiscoverProps {
  readonly strings: AdminStrings;
  readonly draft: ServerDraft;
  readonly discover: (request: DraftDiscoverRequest) => Promise<DiscoverResult>;
  /** Puts the found URL into the form's EWS URL field (saved with the server). */
  readonly onUseUrl: (url: string) => void;
}

/** The form's credentials as the API takes them, or null while something needed for a sign-in is missing. */
export function draftDiscoverRequest(draft: ServerDraft, email: string): DraftDiscoverRequest | null {
  const ewsUrl = draft.ewsUrl.trim();
  const common = { email, alternativeLoginName: draft.alternativeLoginName.trim() || null, ...(ewsUrl ? { ewsUrl } : {}) };
  if (draft.secret === '') return null;
  if (draft.method === 'basic') return draft.username.trim() ? { ...common, auth: { method: 'basic', username: draft.username.trim(), password: draft.secret } } : null;
  if (!draft.tenantId.trim() || !draft.clientId.trim()) return null;
  return { ...common, auth: { method: 'oauth2', tenantId: draft.tenantId.trim(), clientId: draft.clientId.trim(), clientSecret: draft.secret } };
}

/** B2 "Discover URL" while the server is still being created: uses the typed credentials, stores nothing. */
export function DraftDiscover({ strings: s, draft, discover, onUseUrl }: DraftDiscoverProps) {
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [result, setResult] = useState<DiscoverResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  async function run() {
    setFailure('');
    setResult(null);
    const request = draftDiscoverRequest(draft, email.trim());
    if (!request) return setFailure(s.connection.needCredentials);
    setBusy(true);
    try {
      setResult(await discover(request));
    } catch (error) {
      setFailure(describeApiError(error, s));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-label={s.connection.discover}>
      <div className={styles.row}>
        <Field className={styles.grow} label={s.connection.discoverEmail} hint={s.connection.draftHint}>
          <Input type="email" value={email} onChange={(_e, d) => setEmail(d.value)} />
        </Field>
        <Button onClick={() => void run()} disabled={busy || email.trim() === ''}>
          {busy ? s.connection.discovering : s.connection.discover}
        </Button>
        {busy ? <Spinner size="tiny" aria-label={s.common.loading} /> : null}
      </div>
      {result ? (
        <div role="status" className={styles.root}>
          <MessageBar intent={result.ewsUrl ? 'success' : 'warning'} layout="multiline">
            <MessageBarBody>{result.message}</MessageBarBody>
          </MessageBar>
          {result.ewsUrl && result.ewsUrl !== draft.ewsUrl.trim() ? (
            <div>
              <Button appearance="primary" size="small" onClick={() => onUseUrl(result.ewsUrl ?? '')}>
                {s.connection.useUrl}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
      {failure ? <FormMessage intent="error" text={failure} /> : null}
    </section>
  );
}

import { Button, Dropdown, Field, Input, Option, Radio, RadioGroup, Text, Textarea } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { ewsVersions, exchangeServerInputSchema, type ExchangeServerInput } from '../../../../shared/admin/exchange-server.schema';
import type { DiscoverResult, DraftDiscoverRequest, ExchangeServer } from '../api/admin-api';
import { AdminApiError } from '../api/admin-http';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import { useFormStyles } from '../forms/form-styles';
import { SecretField } from '../forms/SecretField';
import { useFocusFirstError } from '../forms/use-focus-first-error';
import { toFieldErrors, validateForm, type FieldErrors } from '../forms/validate-form';
import type { AdminStrings } from '../i18n/admin-strings';
import { DraftDiscover } from './DraftDiscover';
import { changeServerType, draftFromServer, isSecretStored, toServerInput, type ServerDraft } from './server-draft';

export interface ServerFormProps {
  readonly strings: AdminStrings;
  readonly server?: ExchangeServer;
  readonly onSave: (input: ExchangeServerInput) => Promise<void>;
  readonly onCancel: () => void;
  /** Offers "Discover URL" in a new server's form, with the credentials typed so far. */
  readonly discoverDraft?: (request: DraftDiscoverRequest) => Promise<DiscoverResult>;
}

function fieldState(errors: FieldErrors, path: string) {
  const message = errors[path];
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

/** B1/B3: one Exchange server with its central credentials; validated by the API's schema before anything is sent. */
export function ServerForm({ strings: s, server, onSave, onCancel, discoverDraft }: ServerFormProps) {
  const styles = useFormStyles();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ServerDraft>(() => draftFromServer(server));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  useFocusFirstError(form, errors, attempt);
  const secretStored = isSecretStored(server);
  const set = <K extends keyof ServerDraft>(key: K, value: ServerDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const secretPath = draft.method === 'oauth2' ? 'auth.clientSecret' : 'auth.password';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setFailure('');
    const result = validateForm(exchangeServerInputSchema, toServerInput(draft), s);
    const found: Record<string, string> = result.ok ? {} : { ...result.errors };
    if (draft.secret === '' && !(secretStored && server?.auth.method === draft.method)) found[secretPath] = s.errors.required;
    setErrors(found);
    if (!result.ok || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await onSave(result.value);
    } catch (error) {
      if (error instanceof AdminApiError && error.fields.length > 0) setErrors(toFieldErrors(error.fields));
      setFailure(describeApiError(error, s));
    } finally {
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form ref={form} className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label={server ? s.servers.editing(server.name) : s.servers.creating}>
      <div className={styles.grid}>
        <Field label={s.servers.name} required {...fieldState(errors, 'name')}>
          <Input value={draft.name} onChange={(_e, d) => set('name', d.value)} />
        </Field>
        <Field label={s.servers.type}>
          <RadioGroup value={draft.type} onChange={(_e, d) => setDraft((current) => changeServerType(current, d.value === 'on-premises' ? 'on-premises' : 'exchange-online'))}>
            <Radio value="exchange-online" label={s.servers.online} />
            <Radio value="on-premises" label={s.servers.onPremises} />
          </RadioGroup>
        </Field>
      </div>
      <Field label={s.servers.description} {...fieldState(errors, 'description')}>
        <Textarea value={draft.description} onChange={(_e, d) => set('description', d.value)} resize="vertical" />
      </Field>
      <div className={styles.grid}>
        <Field label={s.servers.ewsUrl} hint={s.servers.ewsUrlHint} required {...fieldState(errors, 'ewsUrl')}>
          <Input type="url" value={draft.ewsUrl} onChange={(_e, d) => set('ewsUrl', d.value)} />
        </Field>
        <Field label={s.servers.version} hint={s.servers.versionHint} {...fieldState(errors, 'version')}>
          <Dropdown value={draft.version} selectedOptions={[draft.version]} onOptionSelect={(_e, d) => set('version', ewsVersions.find((v) => v === d.optionValue) ?? draft.version)}>
            {ewsVersions.map((version) => (
              <Option key={version} value={version}>
                {version}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {draft.type === 'exchange-online' ? (
          <Field label={s.servers.graphEndpoint} hint={s.servers.graphHint} {...fieldState(errors, 'graphEndpoint')}>
            <Input type="url" value={draft.graphEndpoint} onChange={(_e, d) => set('graphEndpoint', d.value)} />
          </Field>
        ) : null}
        <Field label={s.servers.altLogin} hint={s.servers.altLoginHint} {...fieldState(errors, 'alternativeLoginName')}>
          <Input value={draft.alternativeLoginName} onChange={(_e, d) => set('alternativeLoginName', d.value)} />
        </Field>
      </div>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{s.servers.authMethod}</legend>
        <Text size={200}>{s.servers.centralAuth}</Text>
        <RadioGroup aria-label={s.servers.authMethod} value={draft.method} onChange={(_e, d) => setDraft((c) => ({ ...c, method: d.value === 'basic' ? 'basic' : 'oauth2', secret: '' }))}>
          <Radio value="oauth2" label={s.servers.oauth2} />
          <Radio value="basic" label={s.servers.basic} disabled={draft.type === 'exchange-online'} />
        </RadioGroup>
        {draft.method === 'oauth2' ? (
          <div className={styles.grid}>
            <Field label={s.servers.tenantId} required {...fieldState(errors, 'auth.tenantId')}>
              <Input value={draft.tenantId} onChange={(_e, d) => set('tenantId', d.value)} />
            </Field>
            <Field label={s.servers.clientId} required {...fieldState(errors, 'auth.clientId')}>
              <Input value={draft.clientId} onChange={(_e, d) => set('clientId', d.value)} />
            </Field>
          </div>
        ) : (
          <Field label={s.servers.username} required {...fieldState(errors, 'auth.username')}>
            <Input value={draft.username} autoComplete="off" onChange={(_e, d) => set('username', d.value)} />
          </Field>
        )}
        <SecretField
          key={draft.method}
          strings={s}
          label={draft.method === 'oauth2' ? s.servers.clientSecret : s.servers.password}
          hint={draft.method === 'oauth2' ? s.servers.clientSecretHint : ''}
          isSet={secretStored && server?.auth.method === draft.method}
          value={draft.secret}
          onChange={(value) => set('secret', value)}
          error={errors[secretPath]}
          required
        />
      </fieldset>
      {!server && discoverDraft ? <DraftDiscover strings={s} draft={draft} discover={discoverDraft} onUseUrl={(url) => set('ewsUrl', url)} /> : null}
      {errorCount > 0 ? <FormMessage intent="error" text={s.common.fixErrors(errorCount)} /> : null}
      {failure ? <FormMessage intent="error" text={failure} /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {s.common.save}
        </Button>
        <Button onClick={onCancel}>{s.common.cancel}</Button>
      </div>
    </form>
  );
}

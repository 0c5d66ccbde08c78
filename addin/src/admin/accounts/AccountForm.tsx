import { Button, Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { mailboxAccountInputSchema } from '../../../../shared/admin/mailbox-account.schema';
import type { CrmUser, ExchangeServer, MailboxAccount, MailboxAccountInput } from '../api/admin-api';
import { AdminApiError } from '../api/admin-http';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import { useFormStyles } from '../forms/form-styles';
import { SecretField } from '../forms/SecretField';
import { useFocusFirstError } from '../forms/use-focus-first-error';
import { toFieldErrors, validateForm, type FieldErrors } from '../forms/validate-form';
import type { AdminStrings } from '../i18n/admin-strings';

export interface AccountFormProps {
  readonly strings: AdminStrings;
  readonly account?: MailboxAccount;
  readonly users: readonly CrmUser[];
  readonly servers: readonly ExchangeServer[];
  readonly onSave: (input: MailboxAccountInput) => Promise<void>;
  readonly onCancel: () => void;
}

type PolicyChoice = 'global' | 'immediate' | 'delayed';

function policyOf(account: MailboxAccount | undefined): PolicyChoice {
  return account?.authFailurePolicy?.mode ?? 'global';
}

function errorProps(errors: FieldErrors, path: string) {
  const message = errors[path];
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

/** B4 with the B3 per-account override (OAuth2 only: the tenant-wide app is what Exchange Online needs) and the B8 per-account policy. */
export function AccountForm({ strings: s, account, users, servers, onSave, onCancel }: AccountFormProps) {
  const styles = useFormStyles();
  const form = useRef<HTMLFormElement>(null);
  const override = account?.authOverride?.method === 'oauth2' ? account.authOverride : null;
  const [userId, setUserId] = useState(account?.userId ?? '');
  const [mailbox, setMailbox] = useState(account?.mailbox ?? '');
  const [serverId, setServerId] = useState(account?.serverId ?? (servers.length === 1 ? (servers[0]?.id ?? '') : ''));
  const [active, setActive] = useState(account?.active ?? true);
  const [policy, setPolicy] = useState<PolicyChoice>(policyOf(account));
  const [useOverride, setUseOverride] = useState(override !== null);
  const [tenantId, setTenantId] = useState(override?.tenantId ?? '');
  const [clientId, setClientId] = useState(override?.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState('');
  useFocusFirstError(form, errors, attempt);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setFailure('');
    const value = {
      userId,
      mailbox: mailbox.trim(),
      serverId,
      active,
      authFailurePolicy: policy === 'global' ? null : policy === 'immediate' ? { mode: 'immediate' } : { mode: 'delayed' },
      authOverride: useOverride ? { method: 'oauth2', tenantId, clientId, ...(secret ? { clientSecret: secret } : {}) } : null,
    };
    const result = validateForm(mailboxAccountInputSchema, value, s);
    const found: Record<string, string> = result.ok ? {} : { ...result.errors };
    if (useOverride && secret === '' && !override?.clientSecretSet) found['authOverride.clientSecret'] = s.errors.required;
    setErrors(found);
    if (!result.ok || Object.keys(found).length > 0) return;
    try {
      await onSave(result.value);
    } catch (error) {
      if (error instanceof AdminApiError && error.fields.length > 0) setErrors(toFieldErrors(error.fields));
      setFailure(describeApiError(error, s));
    }
  }

  return (
    <form ref={form} className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label={account ? account.mailbox : s.accounts.add}>
      <div className={styles.grid}>
        <Field label={s.accounts.user} required {...errorProps(errors, 'userId')}>
          {users.length > 0 ? (
            <Select value={userId} onChange={(_e, d) => setUserId(d.value)}>
              <option value="" />
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName}
                  {user.email ? ` <${user.email}>` : ''}
                </option>
              ))}
            </Select>
          ) : (
            <Input value={userId} onChange={(_e, d) => setUserId(d.value)} />
          )}
        </Field>
        <Field label={s.accounts.mailbox} required {...errorProps(errors, 'mailbox')}>
          <Input type="email" value={mailbox} onChange={(_e, d) => setMailbox(d.value)} />
        </Field>
        <Field label={s.accounts.server} required {...errorProps(errors, 'serverId')}>
          <Select value={serverId} onChange={(_e, d) => setServerId(d.value)}>
            <option value="" />
            {servers.map((server) => (
              <option key={server.id} value={server.id}>
                {server.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.accounts.policy}>
          <Select value={policy} onChange={(_e, d) => setPolicy(d.value === 'immediate' || d.value === 'delayed' ? d.value : 'global')}>
            <option value="global">{s.accounts.policyGlobal}</option>
            <option value="immediate">{s.accounts.policyImmediate}</option>
            <option value="delayed">{s.accounts.policyDelayed}</option>
          </Select>
        </Field>
      </div>
      <Checkbox checked={active} onChange={(_e, d) => setActive(d.checked === true)} label={s.accounts.active} />
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          <Checkbox checked={useOverride} onChange={(_e, d) => setUseOverride(d.checked === true)} label={s.accounts.override} />
        </legend>
        {useOverride ? (
          <div className={styles.grid}>
            <Field label={s.servers.tenantId} required {...errorProps(errors, 'authOverride.tenantId')}>
              <Input value={tenantId} onChange={(_e, d) => setTenantId(d.value)} />
            </Field>
            <Field label={s.servers.clientId} required {...errorProps(errors, 'authOverride.clientId')}>
              <Input value={clientId} onChange={(_e, d) => setClientId(d.value)} />
            </Field>
            <SecretField strings={s} label={s.servers.clientSecret} isSet={override?.clientSecretSet ?? false} value={secret} onChange={setSecret} error={errors['authOverride.clientSecret']} required />
          </div>
        ) : (
          <span>{s.accounts.overrideHint}</span>
        )}
      </fieldset>
      {Object.keys(errors).length > 0 ? <FormMessage intent="error" text={s.common.fixErrors(Object.keys(errors).length)} /> : null}
      {failure ? <FormMessage intent="error" text={failure} /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit">
          {s.common.save}
        </Button>
        <Button onClick={onCancel}>{s.common.cancel}</Button>
      </div>
    </form>
  );
}

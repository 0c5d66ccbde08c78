import { Button, Checkbox, Field, Input, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { syncDataTypes, syncRuleInputSchema, type SyncRuleInput } from '../../../../shared/admin/sync-rule.schema';
import type { AdminApi, CrmGroup, CrmUser, MailboxAccount, SyncRule } from '../api/admin-api';
import { AdminApiError } from '../api/admin-http';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import { useFormStyles } from '../forms/form-styles';
import { useFocusFirstError } from '../forms/use-focus-first-error';
import { toFieldErrors, validateForm, type FieldErrors } from '../forms/validate-form';
import type { AdminStrings } from '../i18n/admin-strings';
import { CrmFilterEditor } from './CrmFilterEditor';
import { DirectionSwitches } from './DirectionSwitches';
import { FolderPicker } from './FolderPicker';
import { draftFromRule, toRuleInput, type RuleDraft } from './rule-draft';
import { RuleOptionsFields } from './RuleOptionsFields';

export interface RuleFormProps {
  readonly strings: AdminStrings;
  readonly api: Pick<AdminApi, 'listFolders'>;
  readonly rule?: SyncRule;
  readonly users: readonly CrmUser[];
  readonly groups: readonly CrmGroup[];
  readonly accounts: readonly MailboxAccount[];
  readonly onSave: (input: SyncRuleInput) => Promise<void>;
  readonly onCancel: () => void;
}

function errorProps(errors: FieldErrors, path: string) {
  const message = errors[path];
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

/** B5 "EWS-Preferences" in one form, checked by the API's own schema (including its cross-field rules). */
export function RuleForm({ strings: s, api, rule, users, groups, accounts, onSave, onCancel }: RuleFormProps) {
  const styles = useFormStyles();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<RuleDraft>(() => draftFromRule(rule));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState('');
  useFocusFirstError(form, errors, attempt);
  const patch = (change: Partial<RuleDraft>) => setDraft((current) => ({ ...current, ...change }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setFailure('');
    const result = validateForm(syncRuleInputSchema, toRuleInput(draft), s);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    try {
      await onSave(result.value);
    } catch (error) {
      if (error instanceof AdminApiError && error.fields.length > 0) setErrors(toFieldErrors(error.fields));
      setFailure(describeApiError(error, s));
    }
  }

  const scopedAccounts = draft.scope === 'user' ? accounts.filter((a) => a.userId === draft.userId) : accounts;
  return (
    <form ref={form} className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label={rule ? s.rules.editing(rule.description) : s.rules.creating}>
      <div className={styles.grid}>
        <Field label={s.rules.description} required {...errorProps(errors, 'description')}>
          <Input value={draft.description} onChange={(_e, d) => patch({ description: d.value })} />
        </Field>
        <Field label={s.rules.dataType} required {...errorProps(errors, 'dataType')}>
          <Select value={draft.dataType} onChange={(_e, d) => patch({ dataType: syncDataTypes.find((t) => t === d.value) ?? draft.dataType, folders: [], newItemsIndex: -1 })}>
            {syncDataTypes.map((type) => (
              <option key={type} value={type}>
                {s.rules.dataTypes[type]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Checkbox checked={draft.active} onChange={(_e, d) => patch({ active: d.checked === true })} label={s.rules.active} />
      <div className={styles.grid}>
        <Field label={s.rules.validity}>
          <RadioGroup value={draft.scope} onChange={(_e, d) => patch({ scope: d.value === 'user' ? 'user' : d.value === 'group' ? 'group' : 'all' })}>
            <Radio value="all" label={s.rules.all} />
            <Radio value="user" label={s.rules.oneUser} />
            <Radio value="group" label={s.rules.oneGroup} />
          </RadioGroup>
        </Field>
        {draft.scope === 'user' ? (
          <Field label={s.rules.pickUser} required {...errorProps(errors, 'validity.userId')}>
            {users.length > 0 ? (
              <Select value={draft.userId} onChange={(_e, d) => patch({ userId: d.value })}>
                <option value="" />
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.displayName}
                  </option>
                ))}
              </Select>
            ) : (
              <Input value={draft.userId} onChange={(_e, d) => patch({ userId: d.value })} />
            )}
          </Field>
        ) : null}
        {draft.scope === 'group' ? (
          <Field label={s.rules.pickGroup} required {...errorProps(errors, 'validity.groupId')}>
            {groups.length > 0 ? (
              <Select value={draft.groupId} onChange={(_e, d) => patch({ groupId: d.value })}>
                <option value="" />
                {groups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </Select>
            ) : (
              <Input value={draft.groupId} onChange={(_e, d) => patch({ groupId: d.value })} />
            )}
          </Field>
        ) : null}
        <Field label={s.rules.master}>
          <RadioGroup value={draft.master} onChange={(_e, d) => patch({ master: d.value === 'exchange' ? 'exchange' : 'crm' })}>
            <Radio value="crm" label={s.rules.masterCrm} />
            <Radio value="exchange" label={s.rules.masterExchange} />
          </RadioGroup>
        </Field>
      </div>
      <div className={styles.grid}>
        <DirectionSwitches strings={s} legend={s.rules.crmToExchange} value={draft.crmToExchange} onChange={(value) => patch({ crmToExchange: value })} />
        <DirectionSwitches strings={s} legend={s.rules.exchangeToCrm} value={draft.exchangeToCrm} onChange={(value) => patch({ exchangeToCrm: value })} />
      </div>
      <FolderPicker
        key={draft.dataType}
        strings={s}
        api={api}
        accounts={scopedAccounts}
        dataType={draft.dataType}
        folders={draft.folders}
        onFoldersChange={(folders) => patch({ folders })}
        includeSubfolders={draft.includeSubfolders}
        onIncludeSubfolders={(includeSubfolders) => patch({ includeSubfolders })}
        newItemsIndex={draft.newItemsIndex}
        onNewItemsIndex={(newItemsIndex) => patch({ newItemsIndex })}
        error={errors['folders']}
      />
      <CrmFilterEditor strings={s} value={draft.crmFilter} onChange={(crmFilter) => patch({ crmFilter })} errors={errors} />
      <RuleOptionsFields strings={s} draft={draft} onChange={patch} errors={errors} />
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

import { Checkbox, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useFormStyles } from '../forms/form-styles';
import { emptyToNull, type FieldErrors } from '../forms/validate-form';
import type { AdminStrings } from '../i18n/admin-strings';
import type { RuleDraft } from './rule-draft';

export interface RuleOptionsFieldsProps {
  readonly strings: AdminStrings;
  readonly draft: RuleDraft;
  readonly onChange: (patch: Partial<RuleDraft>) => void;
  readonly errors: FieldErrors;
}

function errorProps(errors: FieldErrors, path: string) {
  const message = errors[path];
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

/** Suggested when protection is switched on: a handful of deletes passes, a mass deletion is held back. */
const defaultDeleteLimit = 20;

function deleteLimitOf(value: string): number {
  const limit = Math.floor(Number(value));
  return Number.isFinite(limit) && limit >= 0 ? Math.min(limit, 100_000) : 0;
}

/** B7 options of a rule, and C5 delete protection. */
export function RuleOptionsFields({ strings: s, draft, onChange, errors }: RuleOptionsFieldsProps) {
  const styles = useFormStyles();
  const options = draft.options;
  const setOption = (patch: Partial<RuleDraft['options']>) => onChange({ options: { ...options, ...patch } });
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{s.rules.options}</legend>
      <Field label={s.rules.bodyFormat}>
        <RadioGroup layout="horizontal" value={options.bodyFormat} onChange={(_e, d) => setOption({ bodyFormat: d.value === 'text' ? 'text' : 'html' })}>
          <Radio value="html" label={s.rules.html} />
          <Radio value="text" label={s.rules.text} />
        </RadioGroup>
      </Field>
      <Checkbox checked={options.oneWayInfoTexts} onChange={(_e, d) => setOption({ oneWayInfoTexts: d.checked === true })} label={s.rules.oneWayInfo} />
      <Field {...errorProps(errors, 'options.keepExchangeText')}>
        <Checkbox checked={options.keepExchangeText} onChange={(_e, d) => setOption({ keepExchangeText: d.checked === true })} label={s.rules.keepExchangeText} />
      </Field>
      <div className={styles.grid}>
        <Field label={s.rules.templateCompany} {...errorProps(errors, 'options.templateCompanyId')}>
          <Input value={options.templateCompanyId ?? ''} onChange={(_e, d) => setOption({ templateCompanyId: emptyToNull(d.value) })} />
        </Field>
        <Field label={s.rules.companySalutation} {...errorProps(errors, 'options.companySalutation')}>
          <Input value={options.companySalutation ?? ''} onChange={(_e, d) => setOption({ companySalutation: emptyToNull(d.value) })} />
        </Field>
        <Field label={s.rules.initialImport} hint={s.rules.initialImportHint} {...errorProps(errors, 'options.initialImportSince')}>
          <Input type="date" value={draft.initialImportSince} onChange={(_e, d) => onChange({ initialImportSince: d.value })} />
        </Field>
      </div>
      <Checkbox
        checked={options.deleteProtection !== null}
        onChange={(_e, d) => setOption({ deleteProtection: d.checked === true ? { maxDeletesPerRun: defaultDeleteLimit } : null })}
        label={s.rules.deleteProtection}
      />
      {options.deleteProtection !== null && (
        <Field label={s.rules.deleteLimit} hint={s.rules.deleteLimitHint} {...errorProps(errors, 'options.deleteProtection.maxDeletesPerRun')}>
          <Input type="number" min={0} value={String(options.deleteProtection.maxDeletesPerRun)} onChange={(_e, d) => setOption({ deleteProtection: { maxDeletesPerRun: deleteLimitOf(d.value) } })} />
        </Field>
      )}
    </fieldset>
  );
}

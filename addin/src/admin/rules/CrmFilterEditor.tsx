import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { crmFilterFields, type CrmFilterCondition } from '../../../../shared/admin/sync-rule.schema';
import { useFormStyles } from '../forms/form-styles';
import type { FieldErrors } from '../forms/validate-form';
import type { AdminStrings } from '../i18n/admin-strings';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' } });

export interface CrmFilterEditorProps {
  readonly strings: AdminStrings;
  readonly value: readonly CrmFilterCondition[];
  readonly onChange: (value: readonly CrmFilterCondition[]) => void;
  readonly errors: FieldErrors;
}

function splitValues(text: string): string[] {
  return text.split(',').map((value) => value.trim()).filter((value) => value !== '');
}

/** B5 CRM-side filter: all conditions must hold for a record to go to Exchange. */
export function CrmFilterEditor({ strings: s, value, onChange, errors }: CrmFilterEditorProps) {
  const styles = useFormStyles();
  const own = useStyles();
  const update = (index: number, patch: Partial<CrmFilterCondition>) => onChange(value.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{s.rules.crmFilter}</legend>
      {value.map((condition, index) => {
        const valuesError = errors[`crmFilter.${index}.values`];
        return (
          <div key={index} className={own.row}>
            <Field label={s.rules.filterField}>
              <Select value={condition.field} onChange={(_e, d) => update(index, { field: crmFilterFields.find((f) => f === d.value) ?? condition.field })}>
                {crmFilterFields.map((field) => (
                  <option key={field} value={field}>
                    {field}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={s.rules.filterOperator}>
              <Select value={condition.operator} onChange={(_e, d) => update(index, { operator: d.value === 'not-in' ? 'not-in' : 'in' })}>
                <option value="in">{s.rules.in}</option>
                <option value="not-in">{s.rules.notIn}</option>
              </Select>
            </Field>
            <Field label={s.rules.filterValues} required validationMessage={valuesError} validationState={valuesError ? 'error' : 'none'}>
              <Input defaultValue={condition.values.join(', ')} onChange={(_e, d) => update(index, { values: splitValues(d.value) })} />
            </Field>
            <Button onClick={() => onChange(value.filter((_c, i) => i !== index))}>{s.rules.removeCondition}</Button>
          </div>
        );
      })}
      <div>
        <Button onClick={() => onChange([...value, { field: 'ownerId', operator: 'in', values: [] }])}>{s.rules.addCondition}</Button>
      </div>
    </fieldset>
  );
}

import { Checkbox } from '@fluentui/react-components';
import type { DirectionOperations } from '../../../../shared/admin/sync-rule.schema';
import { useFormStyles } from '../forms/form-styles';
import type { AdminStrings } from '../i18n/admin-strings';

const operations = ['create', 'change', 'delete', 'overwrite'] as const;

/** ConAktiv's four switches of one direction. */
export function DirectionSwitches({ strings: s, legend, value, onChange }: { readonly strings: AdminStrings; readonly legend: string; readonly value: DirectionOperations; readonly onChange: (value: DirectionOperations) => void }) {
  const styles = useFormStyles();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{legend}</legend>
      {operations.map((op) => (
        <Checkbox key={op} checked={value[op]} onChange={(_e, d) => onChange({ ...value, [op]: d.checked === true })} label={s.rules.ops[op]} />
      ))}
    </fieldset>
  );
}

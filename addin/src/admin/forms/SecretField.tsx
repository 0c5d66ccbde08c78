import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminStrings } from '../i18n/admin-strings';

const useStyles = makeStyles({
  stored: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export interface SecretFieldProps {
  readonly strings: AdminStrings;
  readonly label: string;
  /** The server says a value is stored; the value itself is never sent to the console. */
  readonly isSet: boolean;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly hint?: string;
  readonly required?: boolean;
}

/**
 * Write-only secret (B10): a stored secret shows as "•••• set" with "Replace"; the input
 * only ever holds a new value typed by the admin. Empty means "keep the stored one".
 */
export function SecretField({ strings, label, isSet, value, onChange, error, hint, required }: SecretFieldProps) {
  const styles = useStyles();
  const [replacing, setReplacing] = useState(!isSet);
  if (!replacing) {
    return (
      <div className={styles.stored} role="group" aria-label={label}>
        <Text>
          {label}: {strings.secret.set}
        </Text>
        <Button size="small" onClick={() => setReplacing(true)} aria-label={`${strings.secret.replace}: ${label}`}>
          {strings.secret.replace}
        </Button>
      </div>
    );
  }
  return (
    <div className={styles.stored}>
      <Field label={isSet ? strings.secret.replaceLabel(label) : label} hint={hint} required={required ?? false} validationMessage={error} validationState={error ? 'error' : 'none'}>
        <Input type="password" autoComplete="new-password" value={value} onChange={(_e, data) => onChange(data.value)} />
      </Field>
      {isSet ? (
        <Button
          size="small"
          onClick={() => {
            onChange('');
            setReplacing(false);
          }}
        >
          {strings.secret.keep}
        </Button>
      ) : null}
    </div>
  );
}

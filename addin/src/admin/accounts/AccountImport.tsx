import { Button, Field, makeStyles, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { MailboxAccountInput } from '../api/admin-api';
import { FormMessage } from '../forms/FormMessage';
import { useFormStyles } from '../forms/form-styles';
import type { AdminStrings } from '../i18n/admin-strings';
import { parseAccountCsv, type ImportContext, type ImportLineError } from './parse-account-csv';

export interface AccountImportProps {
  readonly strings: AdminStrings;
  readonly context: ImportContext;
  readonly onImport: (accounts: readonly MailboxAccountInput[]) => Promise<number>;
}

const useStyles = makeStyles({ lines: { whiteSpace: 'pre-line' } });

/** Paste many accounts at once; nothing is created until every line is valid. */
export function AccountImport({ strings: s, context, onImport }: AccountImportProps) {
  const styles = useFormStyles();
  const own = useStyles();
  const [text, setText] = useState('');
  const [lineErrors, setLineErrors] = useState<readonly ImportLineError[]>([]);
  const [result, setResult] = useState('');

  async function run() {
    const parsed = parseAccountCsv(text, context, s);
    setLineErrors(parsed.errors);
    if (parsed.errors.length > 0 || parsed.accounts.length === 0) {
      setResult(s.accounts.importNothing);
      return;
    }
    const created = await onImport(parsed.accounts);
    setResult(s.accounts.importDone(created));
    if (created === parsed.accounts.length) setText('');
  }

  const errorText = lineErrors.map((error) => s.accounts.importLineError(error.line, error.message)).join('\n');
  return (
    <div className={styles.form}>
      <Field label={s.accounts.importText} hint={s.accounts.importHint} validationMessage={errorText ? <span className={own.lines}>{errorText}</span> : undefined} validationState={errorText ? 'error' : 'none'}>
        <Textarea value={text} onChange={(_e, d) => setText(d.value)} rows={6} resize="vertical" placeholder="anna@contoso.com, anna@contoso.com, Contoso Online" />
      </Field>
      {result ? <FormMessage intent={lineErrors.length > 0 ? 'error' : 'success'} text={result} /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void run()}>
          {s.accounts.importRun}
        </Button>
      </div>
    </div>
  );
}

import { Button, Checkbox, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { batchSettingsInputSchema, type BatchSettingsInput } from '../../../../shared/admin/batch-settings.schema';
import type { BatchSettingsView } from '../api/admin-api';
import { FormMessage } from '../forms/FormMessage';
import { useFormStyles } from '../forms/form-styles';
import { useFocusFirstError } from '../forms/use-focus-first-error';
import { NodeChoices } from './NodeChoices';
import { emptyToNull, parseWholeNumber, validateForm, type FieldErrors } from '../forms/validate-form';
import type { AdminStrings } from '../i18n/admin-strings';

export interface BatchFormProps {
  readonly strings: AdminStrings;
  readonly settings: BatchSettingsView;
  readonly onSave: (input: BatchSettingsInput) => Promise<void>;
}

function errorProps(errors: FieldErrors, path: string) {
  const message = errors[path];
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

/** The waits of the delayed 401 policy: first, 2×, 4× … for all attempts but the last. */
export function describeWaits(firstDelayMinutes: number, maxAttempts: number): string {
  return Array.from({ length: Math.max(maxAttempts - 1, 0) }, (_v, i) => firstDelayMinutes * 2 ** i).join(', ');
}

/** B6 batch settings and the B8 401 policy. */
export function BatchForm({ strings: s, settings, onSave }: BatchFormProps) {
  const styles = useFormStyles();
  const form = useRef<HTMLFormElement>(null);
  const delayed = settings.authFailurePolicy.mode === 'delayed' ? settings.authFailurePolicy : null;
  const [interval, setIntervalText] = useState(String(settings.intervalMinutes));
  const [active, setActive] = useState(settings.active);
  const [autostart, setAutostart] = useState(settings.startAutomatically);
  const [node, setNode] = useState(settings.node ?? '');
  const [retention, setRetention] = useState(String(settings.logRetentionDays));
  const [mode, setMode] = useState(settings.authFailurePolicy.mode);
  const [firstDelay, setFirstDelay] = useState(String(delayed?.firstDelayMinutes ?? 5));
  const [attempts, setAttempts] = useState(String(delayed?.maxAttempts ?? 4));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  useFocusFirstError(form, errors, attempt);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const result = validateForm(
      batchSettingsInputSchema,
      {
        intervalMinutes: parseWholeNumber(interval),
        active,
        startAutomatically: autostart,
        node: emptyToNull(node),
        logRetentionDays: parseWholeNumber(retention),
        authFailurePolicy: mode === 'immediate' ? { mode } : { mode, firstDelayMinutes: parseWholeNumber(firstDelay), maxAttempts: parseWholeNumber(attempts) },
      },
      s,
    );
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    await onSave(result.value);
  }

  const first = Number(firstDelay);
  const max = Number(attempts);
  return (
    <form ref={form} className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label={s.batch.heading}>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{s.batch.heading}</legend>
        <Text>
          {s.batch.state}: {s.batch.states[settings.status.state] ?? settings.status.state} · {s.batch.lastRun}: {settings.status.lastRunAt ? new Date(settings.status.lastRunAt).toLocaleString() : s.common.never} · {s.batch.nextRun}:{' '}
          {settings.status.nextRunAt ? new Date(settings.status.nextRunAt).toLocaleString() : s.common.none}
        </Text>
        <div className={styles.grid}>
          <Field label={s.batch.interval} required {...errorProps(errors, 'intervalMinutes')}>
            <Input type="number" min={1} max={1440} value={interval} onChange={(_e, d) => setIntervalText(d.value)} />
          </Field>
          <Field label={s.batch.node} hint={s.batch.nodeHint} {...errorProps(errors, 'node')}>
            <Input value={node} onChange={(_e, d) => setNode(d.value)} />
          </Field>
          <Field label={s.batch.retention} required {...errorProps(errors, 'logRetentionDays')}>
            <Input type="number" min={1} max={3650} value={retention} onChange={(_e, d) => setRetention(d.value)} />
          </Field>
        </div>
        <NodeChoices strings={s} nodes={settings.status.nodes ?? []} value={node} onPick={setNode} />
        <Checkbox checked={active} onChange={(_e, d) => setActive(d.checked === true)} label={s.batch.active} />
        <Checkbox checked={autostart} onChange={(_e, d) => setAutostart(d.checked === true)} label={s.batch.autostart} />
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{s.batch.policyHeading}</legend>
        <RadioGroup aria-label={s.batch.policyHeading} value={mode} onChange={(_e, d) => setMode(d.value === 'immediate' ? 'immediate' : 'delayed')}>
          <Radio value="immediate" label={s.batch.immediate} />
          <Radio value="delayed" label={s.batch.delayed} />
        </RadioGroup>
        {mode === 'delayed' ? (
          <>
            <div className={styles.grid}>
              <Field label={s.batch.firstDelay} required {...errorProps(errors, 'authFailurePolicy.firstDelayMinutes')}>
                <Input type="number" min={1} max={1440} value={firstDelay} onChange={(_e, d) => setFirstDelay(d.value)} />
              </Field>
              <Field label={s.batch.maxAttempts} required {...errorProps(errors, 'authFailurePolicy.maxAttempts')}>
                <Input type="number" min={1} max={20} value={attempts} onChange={(_e, d) => setAttempts(d.value)} />
              </Field>
            </div>
            {Number.isInteger(first) && Number.isInteger(max) && first > 0 && max > 0 && max <= 20 ? <Text role="note">{s.batch.policyPreview(describeWaits(first, max), max)}</Text> : null}
          </>
        ) : null}
        <Text size={200}>{s.batch.throttlingNote}</Text>
      </fieldset>
      {Object.keys(errors).length > 0 ? <FormMessage intent="error" text={s.common.fixErrors(Object.keys(errors).length)} /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit">
          {s.common.save}
        </Button>
      </div>
    </form>
  );
}

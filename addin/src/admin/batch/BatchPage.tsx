import { Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { BatchSettingsInput } from '../../../../shared/admin/batch-settings.schema';
import type { AdminApi, BatchSettingsView } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import { BatchForm } from './BatchForm';

/** Loads and saves the one batch process's settings. */
export function BatchPage({ strings: s, api }: { readonly strings: AdminStrings; readonly api: Pick<AdminApi, 'getBatch' | 'saveBatch'> }) {
  const [settings, setSettings] = useState<BatchSettingsView | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => {
    api.getBatch().then(setSettings, (error: unknown) => setNotice({ intent: 'error', text: describeApiError(error, s) }));
  }, [api, s]);

  async function save(input: BatchSettingsInput) {
    try {
      setSettings(await api.saveBatch(input));
      setNotice({ intent: 'success', text: s.common.saved });
    } catch (error) {
      setNotice({ intent: 'error', text: describeApiError(error, s) });
    }
  }

  return (
    <>
      {notice ? <FormMessage intent={notice.intent} text={notice.text} /> : null}
      {settings ? <BatchForm key={JSON.stringify(settings)} strings={s} settings={settings} onSave={save} /> : notice ? null : <Spinner label={s.common.loading} />}
    </>
  );
}

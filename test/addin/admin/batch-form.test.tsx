import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BatchForm, describeWaits } from '../../../addin/src/admin/batch/BatchForm';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import type { BatchSettingsView } from '../../../addin/src/admin/api/admin-api';
import { describedMessage } from './support/described-message';
import { fill } from './support/fill';

const settings: BatchSettingsView = {
  intervalMinutes: 15,
  active: true,
  startAutomatically: true,
  node: null,
  authFailurePolicy: { mode: 'delayed', firstDelayMinutes: 5, maxAttempts: 4 },
  logRetentionDays: 30,
  status: { state: 'idle', lastRunAt: null, nextRunAt: null },
};

describe('BatchForm', { timeout: 20_000 }, () => {
  it('reports empty and out-of-range numbers next to their fields and saves nothing', async () => {
    const onSave = vi.fn();
    render(<BatchForm strings={adminEn} settings={settings} onSave={onSave} />);
    fill(screen.getByRole('spinbutton', { name: /Interval/ }), '');
    fill(screen.getByRole('spinbutton', { name: /Keep the sync log/ }), '0');
    fill(screen.getByRole('spinbutton', { name: /First wait/ }), '');
    fill(screen.getByRole('spinbutton', { name: /Attempts before/ }), '25');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('spinbutton', { name: /Interval/ }))).toBe(adminEn.errors.wholeNumber);
    expect(describedMessage(screen.getByRole('spinbutton', { name: /Keep the sync log/ }))).toBe(adminEn.errors.tooSmall(1));
    expect(describedMessage(screen.getByRole('spinbutton', { name: /First wait/ }))).toBe(adminEn.errors.wholeNumber);
    expect(describedMessage(screen.getByRole('spinbutton', { name: /Attempts before/ }))).toBe(adminEn.errors.tooBig(20));
    expect(onSave).not.toHaveBeenCalled();
  });

  it('explains the delayed 401 policy as 5, 10, 20 minutes before the fourth failure deactivates', () => {
    render(<BatchForm strings={adminEn} settings={settings} onSave={vi.fn()} />);
    expect(screen.getByRole('note')).toHaveTextContent('Waits 5, 10, 20 minutes; the 4. failure deactivates the account');
    expect(describeWaits(5, 1)).toBe('');
  });

  it('saves the immediate policy without delay fields', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<BatchForm strings={adminEn} settings={settings} onSave={onSave} />);
    await userEvent.click(screen.getByRole('radio', { name: adminEn.batch.immediate }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ intervalMinutes: 15, authFailurePolicy: { mode: 'immediate' } }));
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AccountForm } from '../../../addin/src/admin/accounts/AccountForm';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import { sampleServer } from './support/admin-fixtures';
import { describedMessage } from './support/described-message';
import { fill } from './support/fill';

const twoServers = [sampleServer, { ...sampleServer, id: 'srv-2', name: 'On-prem' }];

describe('AccountForm', { timeout: 20_000 }, () => {
  it('marks user, mailbox and server as required next to each field and saves nothing when empty', async () => {
    const onSave = vi.fn();
    render(<AccountForm strings={adminEn} users={[]} servers={twoServers} onSave={onSave} onCancel={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /CRM user/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByRole('textbox', { name: /Mailbox/ }))).toBe(adminEn.errors.email);
    expect(describedMessage(screen.getByRole('combobox', { name: /Exchange server/ }))).toBe(adminEn.errors.required);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('rejects a mailbox that is not a mail address', async () => {
    const onSave = vi.fn();
    render(<AccountForm strings={adminEn} users={[]} servers={[sampleServer]} onSave={onSave} onCancel={vi.fn()} />);
    fill(screen.getByRole('textbox', { name: /CRM user/ }), 'u-anna');
    fill(screen.getByRole('textbox', { name: /Mailbox/ }), 'anna at contoso');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /Mailbox/ }))).toBe(adminEn.errors.email);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('requires tenant, client id and secret once the per-account OAuth2 override is switched on', async () => {
    const onSave = vi.fn();
    render(<AccountForm strings={adminEn} users={[]} servers={[sampleServer]} onSave={onSave} onCancel={vi.fn()} />);
    fill(screen.getByRole('textbox', { name: /CRM user/ }), 'u-anna');
    fill(screen.getByRole('textbox', { name: /Mailbox/ }), 'anna@contoso.com');
    await userEvent.click(screen.getByRole('checkbox', { name: /Use own credentials/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /Tenant/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByRole('textbox', { name: /Application \(client\) id/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByLabelText(/Client secret value/))).toBe(adminEn.errors.required);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves a valid account with the only server preselected and the mailbox in lower case', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<AccountForm strings={adminEn} users={[]} servers={[sampleServer]} onSave={onSave} onCancel={vi.fn()} />);
    fill(screen.getByRole('textbox', { name: /CRM user/ }), 'u-anna');
    fill(screen.getByRole('textbox', { name: /Mailbox/ }), 'Anna@Contoso.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSave).toHaveBeenCalledWith({ userId: 'u-anna', mailbox: 'anna@contoso.com', serverId: 'srv-1', active: true, authFailurePolicy: null, authOverride: null });
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AccountsPage } from '../../../addin/src/admin/accounts/AccountsPage';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import { sampleAccount, sampleServer } from './support/admin-fixtures';

const data = (active: boolean) => ({ servers: [sampleServer], accounts: [sampleAccount({ active })], rules: [], users: [], groups: [] });

describe('AccountsPage "Test & enable"', { timeout: 20_000 }, () => {
  it('asks the server to test and enable the account and reloads the list when it worked', async () => {
    const testAndEnable = vi.fn().mockResolvedValue({ ok: true, errorKind: null, message: 'ok', account: sampleAccount() });
    const onChanged = vi.fn().mockResolvedValue(undefined);
    render(<AccountsPage strings={adminEn} api={{ testAndEnable, createAccount: vi.fn(), updateAccount: vi.fn() }} data={data(false)} onChanged={onChanged} />);
    await userEvent.click(screen.getByRole('button', { name: 'Test & enable: anna@contoso.com' }));

    expect(testAndEnable).toHaveBeenCalledWith('acc-1');
    expect(await screen.findByText(adminEn.accounts.enabled('anna@contoso.com'))).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows Exchange\'s answer under the "Test connection" headline when the call fails', async () => {
    const testAndEnable = vi.fn().mockResolvedValue({ ok: false, errorKind: 'impersonation', message: 'The service account may not act as anna@contoso.com.', account: sampleAccount({ active: false }) });
    render(<AccountsPage strings={adminEn} api={{ testAndEnable, createAccount: vi.fn(), updateAccount: vi.fn() }} data={data(false)} onChanged={vi.fn().mockResolvedValue(undefined)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Test & enable: anna@contoso.com' }));

    expect((await screen.findByRole('alert')).textContent).toBe('anna@contoso.com: Impersonation denied. The service account may not act as anna@contoso.com.');
  });
});

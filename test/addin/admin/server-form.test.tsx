import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import { ServerForm } from '../../../addin/src/admin/servers/ServerForm';
import { describedMessage } from './support/described-message';
import { fill } from './support/fill';
import { sampleServer } from './support/admin-fixtures';

describe('ServerForm', { timeout: 20_000 }, () => {
  it('shows a message next to every required field and saves nothing when submitted empty', async () => {
    const onSave = vi.fn();
    render(<ServerForm strings={adminEn} onSave={onSave} onCancel={vi.fn()} />);
    fill(screen.getByRole('textbox', { name: /EWS URL/ }), '');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /^Name/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByRole('textbox', { name: /EWS URL/ }))).toBe(adminEn.errors.url);
    expect(describedMessage(screen.getByRole('textbox', { name: /Tenant/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByRole('textbox', { name: /Application \(client\) id/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByLabelText(/Client secret value/))).toBe(adminEn.errors.required);
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveFocus();
  });

  it('rejects a malformed EWS URL and Graph endpoint with URL messages and saves nothing', async () => {
    const onSave = vi.fn();
    render(<ServerForm strings={adminEn} onSave={onSave} onCancel={vi.fn()} />);
    fill(screen.getByRole('textbox', { name: /^Name/ }), 'Contoso');
    const url = screen.getByRole('textbox', { name: /EWS URL/ });
    fill(url, 'mail.contoso.com');
    fill(screen.getByRole('textbox', { name: /Graph endpoint/ }), 'ftp://graph');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(url)).toBe(adminEn.errors.url);
    expect(describedMessage(screen.getByRole('textbox', { name: /Graph endpoint/ }))).toBe(adminEn.errors.url);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('asks for the service account and password of an on-premises server with basic authentication', async () => {
    const onSave = vi.fn();
    render(<ServerForm strings={adminEn} onSave={onSave} onCancel={vi.fn()} />);
    await userEvent.click(screen.getByRole('radio', { name: adminEn.servers.onPremises }));
    await userEvent.click(screen.getByRole('radio', { name: adminEn.servers.basic }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /Service account/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByLabelText(/^Password/))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByRole('textbox', { name: /EWS URL/ }))).toBe(adminEn.errors.url);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows a stored secret only as set and keeps it when saving without replacing it', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<ServerForm strings={adminEn} server={sampleServer} onSave={onSave} onCancel={vi.fn()} />);
    expect(screen.getByText(/•••• set/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/Client secret value/, { selector: 'input' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSave).toHaveBeenCalledTimes(1);
    const input = onSave.mock.calls[0]?.[0] as { auth: Record<string, unknown> };
    expect(input.auth).toEqual({ method: 'oauth2', tenantId: 'tenant-1', clientId: 'client-1' });
  });

  it('sends a replaced secret once the admin types a new one', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<ServerForm strings={adminEn} server={sampleServer} onSave={onSave} onCancel={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: /Replace/ }));
    fill(screen.getByLabelText(/New client secret value/), 'new-value');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const input = onSave.mock.calls[0]?.[0] as { auth: Record<string, unknown> };
    expect(input.auth['clientSecret']).toBe('new-value');
  });

  it('puts the server\'s own field messages next to the fields when the API rejects the save', async () => {
    const { AdminApiError } = await import('../../../addin/src/admin/api/admin-http');
    const onSave = vi.fn().mockRejectedValue(new AdminApiError('invalid', 'Validation failed', 400, 'validation_failed', [{ path: 'name', message: 'name already used' }]));
    render(<ServerForm strings={adminEn} server={sampleServer} onSave={onSave} onCancel={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /^Name/ }))).toBe('name already used');
    expect(within(screen.getByRole('form')).getAllByRole('alert').length).toBeGreaterThan(0);
  });

  it('discovers the EWS URL before saving with the typed credentials and takes it into the form', async () => {
    const discover = vi.fn().mockResolvedValue({ ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx', message: 'Autodiscover found it.' });
    render(<ServerForm strings={adminEn} onSave={vi.fn()} onCancel={vi.fn()} discoverDraft={discover} />);
    await userEvent.click(screen.getByRole('radio', { name: adminEn.servers.onPremises }));
    await userEvent.click(screen.getByRole('radio', { name: adminEn.servers.basic }));
    fill(screen.getByRole('textbox', { name: /EWS URL/ }), 'https://mail.contoso.com');
    fill(screen.getByRole('textbox', { name: adminEn.connection.discoverEmail }), 'anna@contoso.com');
    await userEvent.click(screen.getByRole('button', { name: adminEn.connection.discover }));
    expect(screen.getByText(adminEn.connection.needCredentials)).toBeInTheDocument();
    expect(discover).not.toHaveBeenCalled();

    fill(screen.getByRole('textbox', { name: /Service account/ }), 'svc-tandem');
    fill(screen.getByLabelText(/^Password/), 'Pa55word!');
    await userEvent.click(screen.getByRole('button', { name: adminEn.connection.discover }));
    expect(discover).toHaveBeenCalledWith({
      email: 'anna@contoso.com',
      ewsUrl: 'https://mail.contoso.com',
      alternativeLoginName: null,
      auth: { method: 'basic', username: 'svc-tandem', password: 'Pa55word!' },
    });
    await userEvent.click(await screen.findByRole('button', { name: adminEn.connection.useUrl }));
    expect(screen.getByRole('textbox', { name: /EWS URL/ })).toHaveValue('https://mail.contoso.com/EWS/Exchange.asmx');
    expect(screen.queryByRole('button', { name: adminEn.connection.useUrl })).not.toBeInTheDocument();
  });

  it('offers no draft discovery when editing a saved server (its connection tools do that)', () => {
    render(<ServerForm strings={adminEn} server={sampleServer} onSave={vi.fn()} onCancel={vi.fn()} discoverDraft={vi.fn()} />);
    expect(screen.queryByRole('button', { name: adminEn.connection.discover })).not.toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BatchSettingsView } from '../../../addin/src/admin/api/admin-api';
import { BatchForm } from '../../../addin/src/admin/batch/BatchForm';
import { adminDe } from '../../../addin/src/admin/i18n/admin-strings.de';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';

const seen = [
  { name: 'app-2', lastSeenAt: '2026-11-25T10:59:30.000Z' },
  { name: 'app-1', lastSeenAt: '2026-11-25T10:59:10.000Z' },
];

function settingsWith(node: string | null, nodes = seen): BatchSettingsView {
  return {
    intervalMinutes: 15,
    active: true,
    startAutomatically: true,
    node,
    authFailurePolicy: { mode: 'immediate' },
    logRetentionDays: 30,
    status: { state: 'idle', lastRunAt: null, nextRunAt: null, nodes },
  };
}

describe('BatchForm: B6 server node', { timeout: 20_000 }, () => {
  it('offers the nodes seen recently and saves the one picked', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<BatchForm strings={adminEn} settings={settingsWith(null)} onSave={onSave} />);
    const group = screen.getByRole('group', { name: adminEn.batch.nodesSeen });
    expect(screen.getByRole('button', { name: adminEn.batch.anyNode })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'app-1' }));
    expect(screen.getByRole('textbox', { name: /Server node/ })).toHaveValue('app-1');
    expect(group).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ node: 'app-1' }));
  });

  it('goes back to every node with one click', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<BatchForm strings={adminEn} settings={settingsWith('app-1')} onSave={onSave} />);
    expect(screen.getByRole('button', { name: 'app-1' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: adminEn.batch.anyNode }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ node: null }));
  });

  it('warns that nothing syncs while the chosen node has not reported', () => {
    render(<BatchForm strings={adminDe} settings={settingsWith('app-9')} onSave={vi.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent(adminDe.batch.nodeNotSeen('app-9'));
  });

  it('says so when no node has reported', () => {
    render(<BatchForm strings={adminEn} settings={settingsWith(null, [])} onSave={vi.fn()} />);
    expect(screen.getByRole('group', { name: adminEn.batch.nodesSeen })).toHaveTextContent(adminEn.batch.noNodesSeen);
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExchangeFolder } from '../../../addin/src/admin/api/admin-api';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import { RuleForm } from '../../../addin/src/admin/rules/RuleForm';
import { sampleAccount } from './support/admin-fixtures';
import { describedMessage } from './support/described-message';
import { fill } from './support/fill';

const tree: ExchangeFolder[] = [
  { id: 'f-root', parentId: null, displayName: 'Top of Information Store', path: [], folderClass: 'other', wellKnownName: null },
  { id: 'f-contacts', parentId: 'f-root', displayName: 'Contacts', path: ['Contacts'], folderClass: 'contacts', wellKnownName: 'contacts' },
  { id: 'f-customers', parentId: 'f-contacts', displayName: 'Customers', path: ['Contacts', 'Customers'], folderClass: 'contacts', wellKnownName: null },
  { id: 'f-cal', parentId: 'f-root', displayName: 'Calendar', path: ['Calendar'], folderClass: 'calendar', wellKnownName: 'calendar' },
];
const groups = [{ id: 'g-sales', name: 'Sales', memberIds: ['u-anna'], version: 1, createdAt: '', updatedAt: '' }] as never[];

describe('RuleForm', { timeout: 30_000 }, () => {
  it('requires a description, a group for a group rule and at least one folder, and saves nothing', async () => {
    const onSave = vi.fn();
    render(<RuleForm strings={adminEn} api={{ listFolders: vi.fn() }} users={[]} groups={groups} accounts={[sampleAccount()]} onSave={onSave} onCancel={vi.fn()} />);
    await userEvent.click(screen.getByRole('radio', { name: 'One user group' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /Short description/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getByRole('combobox', { name: /User group/ }))).toBe(adminEn.errors.required);
    expect(describedMessage(screen.getAllByRole('group', { name: /Exchange folders/ })[0] as HTMLElement)).toBe(adminEn.errors.pickOne);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('flags an empty CRM filter value list and contradicting text options next to their fields', async () => {
    const onSave = vi.fn();
    render(<RuleForm strings={adminEn} api={{ listFolders: vi.fn() }} users={[]} groups={[]} accounts={[]} onSave={onSave} onCancel={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    await userEvent.click(screen.getByRole('checkbox', { name: /Info\/memo texts one-way/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /overwrite the Exchange text/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(describedMessage(screen.getByRole('textbox', { name: /Values/ }))).toBe(adminEn.errors.pickOne);
    expect(describedMessage(screen.getByRole('checkbox', { name: /overwrite the Exchange text/ }))).toBe(adminEn.errors.contradictingTexts);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves a contacts rule for a group with a folder picked from the mailbox tree by path', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    const listFolders = vi.fn().mockResolvedValue(tree);
    render(<RuleForm strings={adminEn} api={{ listFolders }} users={[]} groups={groups} accounts={[sampleAccount()]} onSave={onSave} onCancel={vi.fn()} />);
    fill(screen.getByRole('textbox', { name: /Short description/ }), 'Sales contacts');
    await userEvent.click(screen.getByRole('radio', { name: 'One user group' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /User group/ }), 'g-sales');
    await userEvent.click(screen.getByRole('button', { name: 'Load folder tree' }));
    expect(listFolders).toHaveBeenCalledWith('acc-1');
    expect(screen.queryByRole('checkbox', { name: 'Calendar (well-known)' })).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Customers' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Include subfolders' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({
        description: 'Sales contacts',
        validity: { scope: 'group', groupId: 'g-sales' },
        dataType: 'contacts',
        folders: [{ kind: 'path', path: ['Contacts', 'Customers'] }],
        includeSubfolders: true,
        newItemsFolder: null,
      }),
    );
  });
});

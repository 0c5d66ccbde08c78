import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { syncRuleInputSchema } from '../../../shared/admin/sync-rule.schema';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import { adminDe } from '../../../addin/src/admin/i18n/admin-strings.de';
import { RuleOptionsFields } from '../../../addin/src/admin/rules/RuleOptionsFields';
import { draftFromRule, toRuleInput, type RuleDraft } from '../../../addin/src/admin/rules/rule-draft';
import { fill } from './support/fill';

let latest: RuleDraft | undefined;

function Harness() {
  const [draft, setDraft] = useState<RuleDraft>({ ...draftFromRule(undefined), description: 'Contacts', folders: [{ kind: 'well-known', name: 'contacts' }] });
  latest = draft;
  return <RuleOptionsFields strings={adminEn} draft={draft} errors={{}} onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))} />;
}

describe('rule options: delete protection (C5)', { timeout: 20_000 }, () => {
  it('is off by default, offers a limit once switched on, and saves a rule the schema accepts', async () => {
    render(<Harness />);
    expect(screen.queryByRole('spinbutton', { name: /deletes per direction/ })).not.toBeInTheDocument();
    expect(latest?.options.deleteProtection).toBeNull();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Delete protection' }));
    fill(screen.getByRole('spinbutton', { name: /deletes per direction/ }), '5');
    expect(latest?.options.deleteProtection).toEqual({ maxDeletesPerRun: 5 });
    const parsed = syncRuleInputSchema.safeParse(toRuleInput(latest as RuleDraft));
    expect(parsed.success && parsed.data.options.deleteProtection).toEqual({ maxDeletesPerRun: 5 });

    await userEvent.click(screen.getByRole('checkbox', { name: 'Delete protection' }));
    expect(latest?.options.deleteProtection).toBeNull();
  });

  it('has German strings for every key', () => {
    expect(adminDe.rules.deleteProtection).toBe('Löschschutz');
    expect(adminDe.rules.deleteLimitHint).not.toBe(adminEn.rules.deleteLimitHint);
  });
});

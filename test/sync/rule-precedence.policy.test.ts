import { describe, expect, it } from 'vitest';
import { assignFolderOwners, selectRulesForDataType, selectRulesForUser, type ScopedRule } from '../../server/src/sync/rule-precedence.policy';

const rule = (id: string, validity: ScopedRule['validity'], dataType: ScopedRule['dataType'] = 'contacts', active = true, createdAt = `2026-01-0${id.length}T00:00:00Z`): ScopedRule => ({
  id,
  active,
  dataType,
  validity,
  createdAt,
});

const anna = { userId: 'anna', groupIds: ['sales', 'berlin'] };
const ben = { userId: 'ben', groupIds: [] };

describe('rule precedence', () => {
  const all = rule('all', { scope: 'all' });
  const sales = rule('sales', { scope: 'group', groupId: 'sales' });
  const annaOnly = rule('annaOnly', { scope: 'user', userId: 'anna' });

  it('applies the rule for all users when nothing more specific exists', () => {
    expect(selectRulesForDataType([all], ben, 'contacts').map((r) => r.id)).toEqual(['all']);
  });

  it('lets a group rule override the rule for all users for the same data type', () => {
    expect(selectRulesForDataType([all, sales], anna, 'contacts').map((r) => r.id)).toEqual(['sales']);
    expect(selectRulesForDataType([all, sales], ben, 'contacts').map((r) => r.id)).toEqual(['all']);
  });

  it('lets a user rule override group and all-users rules for the same data type', () => {
    expect(selectRulesForDataType([all, sales, annaOnly], anna, 'contacts').map((r) => r.id)).toEqual(['annaOnly']);
  });

  it('keeps every rule of the winning level, oldest first', () => {
    const berlin = rule('berlin-group', { scope: 'group', groupId: 'berlin' }, 'contacts', true, '2025-12-01T00:00:00Z');
    expect(selectRulesForDataType([all, sales, berlin], anna, 'contacts').map((r) => r.id)).toEqual(['berlin-group', 'sales']);
  });

  it('ignores inactive rules, so an inactive user rule does not hide the group rule', () => {
    const inactive = rule('annaOff', { scope: 'user', userId: 'anna' }, 'contacts', false);
    expect(selectRulesForDataType([sales, inactive], anna, 'contacts').map((r) => r.id)).toEqual(['sales']);
  });

  it('decides precedence per data type, giving the user the union over data types', () => {
    const tasksForAll = rule('tasksAll', { scope: 'all' }, 'tasks');
    const appointmentsForSales = rule('apptSales', { scope: 'group', groupId: 'sales' }, 'appointments');
    const selected = selectRulesForUser([all, annaOnly, tasksForAll, appointmentsForSales], anna).map((r) => r.id);
    expect(selected.sort()).toEqual(['annaOnly', 'apptSales', 'tasksAll']);
  });

  it('gives a user no rule when none applies', () => {
    expect(selectRulesForDataType([sales, annaOnly], ben, 'contacts')).toEqual([]);
  });

  it('gives a shared folder to the first rule that claims it', () => {
    const owners = assignFolderOwners([
      { ruleId: 'old', folderIds: ['A', 'B'] },
      { ruleId: 'new', folderIds: ['B', 'C'] },
    ]);
    expect(Object.fromEntries(owners)).toEqual({ A: 'old', B: 'old', C: 'new' });
  });
});

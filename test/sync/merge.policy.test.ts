import { describe, expect, it } from 'vitest';
import { decideMerge } from '../../server/src/sync/merge.policy';
import type { MergeRule, PairSnapshot, SideChange } from '../../server/src/sync/merge.types';
import { makeContact } from './support/neutral-fixtures';

const allOps = { create: true, change: true, delete: true, overwrite: false };
const rule = (overrides: Partial<MergeRule> = {}): MergeRule => ({
  master: 'crm',
  crmToExchange: allOps,
  exchangeToCrm: allOps,
  oneWayInfoTexts: false,
  keepExchangeText: false,
  bodyFormat: 'text',
  ...overrides,
});
const base = makeContact();
const pair: PairSnapshot = { crm: base, exchange: base };
const unchanged: SideChange = { kind: 'unchanged' };
const upsert = (overrides: Parameters<typeof makeContact>[0]): SideChange => ({ kind: 'upsert', values: makeContact(overrides) });

describe('merge policy', () => {
  it('creates a new CRM record in Exchange and records the pair', () => {
    const decision = decideMerge(rule(), null, upsert({}), unchanged);
    expect(decision.exchange).toEqual({ op: 'create', values: base });
    expect(decision.crm).toEqual({ op: 'none' });
    expect(decision.pair).toBe('keep');
  });

  it('does not create when the rule switches creation off for that direction, and logs it', () => {
    const decision = decideMerge(rule({ exchangeToCrm: { ...allOps, create: false } }), null, unchanged, upsert({}));
    expect(decision.crm).toEqual({ op: 'none' });
    expect(decision.pair).toBe('none');
    expect(decision.log).toEqual([expect.objectContaining({ type: 'skipped', target: 'crm', operation: 'create' })]);
  });

  it('writes only the fields changed in Exchange to the CRM', () => {
    const decision = decideMerge(rule(), pair, unchanged, upsert({ jobTitle: 'CTO' }));
    expect(decision.crm).toEqual({ op: 'update', values: makeContact({ jobTitle: 'CTO' }), fields: ['jobTitle'] });
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.snapshot).toEqual({ crm: makeContact({ jobTitle: 'CTO' }), exchange: makeContact({ jobTitle: 'CTO' }) });
  });

  it('merges changes to different fields from both sides without a conflict', () => {
    const decision = decideMerge(rule(), pair, upsert({ surname: 'Berg-Meyer' }), upsert({ jobTitle: 'CTO' }));
    expect(decision.crm).toMatchObject({ op: 'update', fields: ['jobTitle'] });
    expect(decision.exchange).toMatchObject({ op: 'update', fields: ['surname'] });
    expect(decision.log).toEqual([]);
  });

  it('lets the master win a field changed on both sides and logs the loser values (CRM master)', () => {
    const decision = decideMerge(rule({ master: 'crm' }), pair, upsert({ jobTitle: 'CFO' }), upsert({ jobTitle: 'CTO' }));
    expect(decision.exchange).toMatchObject({ op: 'update', fields: ['jobTitle'], values: makeContact({ jobTitle: 'CFO' }) });
    expect(decision.crm).toEqual({ op: 'none' });
    expect(decision.log).toEqual([{ type: 'conflict', winner: 'crm', fields: ['jobTitle'], loserValues: { jobTitle: 'CTO' } }]);
  });

  it('lets the master win a field changed on both sides and logs the loser values (Exchange master)', () => {
    const decision = decideMerge(rule({ master: 'exchange' }), pair, upsert({ jobTitle: 'CFO' }), upsert({ jobTitle: 'CTO' }));
    expect(decision.crm).toMatchObject({ op: 'update', fields: ['jobTitle'], values: makeContact({ jobTitle: 'CTO' }) });
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.log).toEqual([{ type: 'conflict', winner: 'exchange', fields: ['jobTitle'], loserValues: { jobTitle: 'CFO' } }]);
  });

  it('writes nothing when both sides made the same change', () => {
    const decision = decideMerge(rule(), pair, upsert({ jobTitle: 'CTO' }), upsert({ jobTitle: 'CTO' }));
    expect(decision.crm).toEqual({ op: 'none' });
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.log).toEqual([]);
  });

  it('writes every differing field when the rule overwrites completely', () => {
    const drifted: PairSnapshot = { crm: base, exchange: makeContact({ department: 'Sales' }) };
    const decision = decideMerge(rule({ crmToExchange: { ...allOps, change: false, overwrite: true } }), drifted, upsert({ jobTitle: 'CTO' }), unchanged);
    expect(decision.exchange).toMatchObject({ op: 'update', fields: ['department', 'jobTitle'] });
  });

  it('does not pass changes on when the rule switches change and overwrite off, and logs it', () => {
    const decision = decideMerge(rule({ exchangeToCrm: { ...allOps, change: false } }), pair, unchanged, upsert({ jobTitle: 'CTO' }));
    expect(decision.crm).toEqual({ op: 'none' });
    expect(decision.log).toEqual([expect.objectContaining({ type: 'skipped', target: 'crm', operation: 'change' })]);
    expect(decision.snapshot?.exchange).toEqual(makeContact({ jobTitle: 'CTO' }));
  });

  it('deletes in Exchange what was deleted in the CRM and drops the pair', () => {
    const decision = decideMerge(rule(), pair, { kind: 'deleted' }, unchanged);
    expect(decision.exchange).toEqual({ op: 'delete' });
    expect(decision.pair).toBe('drop');
  });

  it('keeps the Exchange item but drops the pair when deletes toward Exchange are off', () => {
    const decision = decideMerge(rule({ crmToExchange: { ...allOps, delete: false } }), pair, { kind: 'deleted' }, unchanged);
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.pair).toBe('drop');
    expect(decision.log).toEqual([expect.objectContaining({ type: 'skipped', operation: 'delete' })]);
  });

  it('never deletes when a record leaves the rule scope, only unpairs', () => {
    const decision = decideMerge(rule(), pair, { kind: 'out-of-scope' }, unchanged);
    expect(decision.crm).toEqual({ op: 'none' });
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.pair).toBe('drop');
    expect(decision.log).toEqual([expect.objectContaining({ type: 'unpaired' })]);
  });

  it('recreates an edited Exchange item in the CRM when Exchange is master and the CRM deleted it', () => {
    const decision = decideMerge(rule({ master: 'exchange' }), pair, { kind: 'deleted' }, upsert({ jobTitle: 'CTO' }));
    expect(decision.crm).toEqual({ op: 'create', values: makeContact({ jobTitle: 'CTO' }) });
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.pair).toBe('keep');
  });

  it('deletes an edited Exchange item when the CRM is master and deleted it, logging the lost edit', () => {
    const decision = decideMerge(rule({ master: 'crm' }), pair, { kind: 'deleted' }, upsert({ jobTitle: 'CTO' }));
    expect(decision.exchange).toEqual({ op: 'delete' });
    expect(decision.log[0]).toMatchObject({ type: 'conflict', winner: 'crm', loserValues: expect.objectContaining({ jobTitle: 'CTO' }) });
  });

  it('never carries the text from Exchange to the CRM with one-way info texts', () => {
    const decision = decideMerge(rule({ oneWayInfoTexts: true }), pair, unchanged, upsert({ notes: { format: 'text', content: 'edited in Outlook' }, jobTitle: 'CTO' }));
    expect(decision.crm).toMatchObject({ op: 'update', fields: ['jobTitle'] });
  });

  it('never overwrites the Exchange text when the rule keeps it', () => {
    const decision = decideMerge(rule({ keepExchangeText: true }), pair, upsert({ notes: { format: 'text', content: 'CRM text' } }), unchanged);
    expect(decision.exchange).toEqual({ op: 'none' });
  });

  it('lets the master decide every differing field of a pair re-found without a snapshot', () => {
    const decision = decideMerge(rule({ master: 'exchange' }), null, upsert({ jobTitle: 'CFO' }), upsert({ jobTitle: 'CTO', surname: 'Meyer' }));
    expect(decision.crm).toMatchObject({ op: 'update', fields: ['jobTitle', 'surname'] });
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.pair).toBe('keep');
    expect(decision.snapshot).toEqual({ crm: makeContact({ jobTitle: 'CTO', surname: 'Meyer' }), exchange: makeContact({ jobTitle: 'CTO', surname: 'Meyer' }) });
  });

  it('writes nothing for a re-found pair whose sides already agree', () => {
    const decision = decideMerge(rule(), null, upsert({}), upsert({}));
    expect(decision.crm).toEqual({ op: 'none' });
    expect(decision.exchange).toEqual({ op: 'none' });
    expect(decision.pair).toBe('keep');
  });
});

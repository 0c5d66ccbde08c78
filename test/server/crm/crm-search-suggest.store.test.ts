import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCreateSchema } from '../../../shared/crm/company.schema';
import { contactCreateSchema } from '../../../shared/crm/contact.schema';
import { offerCreateSchema, projectCreateSchema } from '../../../shared/crm/deal.schema';
import type { WriteContext } from '../../../server/src/crm/viewer';
import { availableBackends } from '../../support/test-databases';
import { actAsUser, openCrmTestContext, type CrmTestContext } from './crm-test-context';

const backends = await availableBackends();

describe.each(backends)('CRM search and suggest on %s', (backend) => {
  let ctx: CrmTestContext;
  let member: WriteContext;
  let outsider: WriteContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await openCrmTestContext(backend);
    const { store, admin } = ctx;
    member = await actAsUser(store, 'member');
    outsider = await actAsUser(store, 'outsider');
    const group = await store.groups.create(admin, { name: 'Key accounts', memberIds: [member.userId] });
    const company = async (key: string, input: Record<string, unknown>) => {
      ids[key] = (await store.companies.create(admin, companyCreateSchema.parse(input))).id;
    };
    await company('nord', { name: 'Nordwind', number: 'K-100', domains: ['nordwind.example'] });
    await company('nordwindow', { name: 'Nordwindow Systems', domains: ['nordwindow.example'] });
    await company('sturm', { name: 'Sturm und Nordwind', domains: ['sturm.example'] });
    await company('hidden', { name: 'Nordwind Secret', domains: ['secret.example'], restricted: true, groupIds: [group.id] });
    const contact = async (key: string, input: Record<string, unknown>) => {
      ids[key] = (await store.contacts.create(admin, contactCreateSchema.parse(input))).id;
    };
    await contact('anna', { companyId: ids.nord, firstName: 'Anna', lastName: 'Berg', emails: ['anna@nordwind.example', 'anna.berg@gmail.com'] });
    await contact('bert', { companyId: ids.nord, firstName: 'Bert', lastName: 'Nordwind', emails: ['bert@nordwind.example'] });
    await contact('free', { firstName: 'Frei', lastName: 'Berufler', emails: ['frei@gmx.de'] });
    await contact('spy', { companyId: ids.hidden, firstName: 'Sam', lastName: 'Spy', emails: ['sam@secret.example'] });
    ids.openProject = (await store.projects.create(admin, projectCreateSchema.parse({ companyId: ids.nord, title: 'Open roll-out' }))).id;
    ids.wonProject = (await store.projects.create(admin, projectCreateSchema.parse({ companyId: ids.nord, title: 'Won deal', status: 'won' }))).id;
    ids.openOffer = (await store.offers.create(admin, offerCreateSchema.parse({ companyId: ids.nord, title: 'Open offer', number: 'A-1' }))).id;
    ids.lostOffer = (await store.offers.create(admin, offerCreateSchema.parse({ companyId: ids.nord, title: 'Lost offer', status: 'lost' }))).id;
    ids.secretProject = (await store.projects.create(admin, projectCreateSchema.parse({ companyId: ids.hidden, title: 'Secret plan' }))).id;
  });
  afterAll(() => ctx.dispose());

  it('ranks an exact name before a prefix before a substring match', async () => {
    const hits = await ctx.store.search(ctx.admin, { q: 'nordwind', types: ['company'], limit: 10 });
    expect(hits.map((h) => [h.record.id, h.match])).toEqual([
      [ids.nord, 'exact'],
      [ids.hidden, 'prefix'],
      [ids.nordwindow, 'prefix'],
      [ids.sturm, 'partial'],
    ]);
  });

  it('finds companies by number and domain, contacts by address and last name, offers by number', async () => {
    const { store, admin } = ctx;
    expect((await store.search(admin, { q: 'K-100', limit: 5 }))[0]?.record.id).toBe(ids.nord);
    expect((await store.search(admin, { q: 'sturm.exa', types: ['company'], limit: 5 }))[0]).toMatchObject({ record: { id: ids.sturm }, match: 'prefix' });
    expect((await store.search(admin, { q: 'anna@nordwind.example', limit: 5 }))[0]).toMatchObject({
      record: { type: 'contact', id: ids.anna, companyName: 'Nordwind', email: 'anna@nordwind.example' },
      match: 'exact',
    });
    expect((await store.search(admin, { q: 'a-1', types: ['offer'], limit: 5 }))[0]).toMatchObject({ record: { type: 'offer', id: ids.openOffer } });
  });

  it('tolerates a typo through trigram similarity and treats LIKE wildcards literally', async () => {
    const { store, admin } = ctx;
    const typo = await store.search(admin, { q: 'nordwnd', types: ['company'], limit: 10 });
    expect(typo.map((h) => h.record.id)).toContain(ids.nord);
    expect(await store.search(admin, { q: '%', limit: 10 })).toEqual([]);
  });

  it('searches only what the caller may see', async () => {
    const { store } = ctx;
    const outsiderHits = await store.search(outsider, { q: 'secret', limit: 10 });
    expect(outsiderHits).toEqual([]);
    const memberHits = await store.search(member, { q: 'secret', limit: 10 });
    expect(memberHits.map((h) => h.record.id)).toEqual(expect.arrayContaining([ids.hidden, ids.secretProject]));
  });

  it('suggests the contact, its company and the open projects and offers, in that order', async () => {
    const suggestions = await ctx.store.suggest(outsider, [' Anna@Nordwind.EXAMPLE ']);
    expect(suggestions.map((s) => [s.record.type, s.record.id, s.reason])).toEqual([
      ['contact', ids.anna, 'contact'],
      ['company', ids.nord, 'contact'],
      ['project', ids.openProject, 'company'],
      ['offer', ids.openOffer, 'company'],
    ]);
    expect(suggestions[1]?.addresses).toEqual(['anna@nordwind.example']);
  });

  it('matches a company by domain, ranks exact contact matches first and more addresses higher', async () => {
    const suggestions = await ctx.store.suggest(ctx.admin, ['new.person@sturm.example', 'bert@nordwind.example', 'x@nordwind.example', 'y@nordwindow.example']);
    const companies = suggestions.filter((s) => s.record.type === 'company');
    expect(companies.map((s) => [s.record.id, s.reason, s.addresses.length])).toEqual([
      [ids.nord, 'contact', 2],
      [ids.nordwindow, 'domain', 1],
      [ids.sturm, 'domain', 1],
    ]);
    expect(suggestions[0]).toMatchObject({ record: { id: ids.bert }, reason: 'contact' });
  });

  it('ignores free-mail domains for companies but still matches a contact by a free-mail address', async () => {
    const suggestions = await ctx.store.suggest(ctx.admin, ['frei@gmx.de', 'someone.else@gmail.com', 'anna.berg@gmail.com']);
    expect(suggestions.filter((s) => s.reason === 'domain')).toEqual([]);
    expect(suggestions.filter((s) => s.record.type === 'contact').map((s) => s.record.id).sort()).toEqual([ids.anna, ids.free].sort());
  });

  it('suggests nothing the caller may not see', async () => {
    const outsiderView = await ctx.store.suggest(outsider, ['sam@secret.example', 'other@secret.example']);
    expect(outsiderView).toEqual([]);
    const memberView = await ctx.store.suggest(member, ['sam@secret.example']);
    expect(memberView.map((s) => s.record.id)).toEqual([ids.spy, ids.hidden, ids.secretProject]);
  });

  it('answers an empty list for addresses that are not addresses', async () => {
    expect(await ctx.store.suggest(ctx.admin, ['nobody', ''])).toEqual([]);
  });
});

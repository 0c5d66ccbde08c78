import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCreateSchema } from '../../../shared/crm/company.schema';
import { offerCreateSchema, projectCreateSchema } from '../../../shared/crm/deal.schema';
import { availableBackends } from '../../support/test-databases';
import { openCrmTestContext, type CrmTestContext } from './crm-test-context';

const backends = await availableBackends();

/** The deals part of suggest: which open projects and offers, in which order, how many. */
describe.each(backends)('CRM suggest open deals on %s', (backend) => {
  let ctx: CrmTestContext;
  const projects: string[] = [];
  const offers: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await openCrmTestContext(backend);
    const { store, admin } = ctx;
    const company = async (name: string, domain: string) => (await store.companies.create(admin, companyCreateSchema.parse({ name, domains: [domain] }))).id;
    ids.busy = await company('Busy AG', 'busy.example');
    ids.small = await company('Small KG', 'small.example');
    // Interleaved so neither type is all older than the other.
    for (let i = 0; i < 30; i++) {
      projects.push((await store.projects.create(admin, projectCreateSchema.parse({ companyId: ids.busy, title: `Project ${i}` }))).id);
      offers.push((await store.offers.create(admin, offerCreateSchema.parse({ companyId: ids.busy, title: `Offer ${i}` }))).id);
    }
    ids.smallProject = (await store.projects.create(admin, projectCreateSchema.parse({ companyId: ids.small, title: 'Small project' }))).id;
    ids.closedOffer = (await store.offers.create(admin, offerCreateSchema.parse({ companyId: ids.small, title: 'Closed', status: 'won' }))).id;
  }, 60_000);
  afterAll(() => ctx.dispose());

  /** Newest first is id order (UUIDv7; within one millisecond the random part decides, as in SQL). */
  const newestFirst = (list: readonly string[]) => [...list].sort().reverse();

  it('lists at most 50 deals: projects, then offers, each newest first', async () => {
    const deals = (await ctx.store.suggest(ctx.admin, ['someone@busy.example'])).filter((s) => s.reason === 'company');
    expect(deals.map((s) => s.record.id)).toEqual([...newestFirst(projects), ...newestFirst(offers).slice(0, 20)]);
    expect(deals.every((s) => s.addresses.join() === 'someone@busy.example')).toBe(true);
  });

  it('orders deals by their company rank first, and leaves out closed ones', async () => {
    // Small KG matches two addresses, Busy AG one: Small KG ranks first, its project leads.
    const suggestions = await ctx.store.suggest(ctx.admin, ['a@small.example', 'b@small.example', 'c@busy.example']);
    expect(suggestions.slice(0, 2).map((s) => s.record.id)).toEqual([ids.small, ids.busy]);
    const deals = suggestions.filter((s) => s.reason === 'company');
    expect(deals[0]).toMatchObject({ record: { id: ids.smallProject }, addresses: ['a@small.example', 'b@small.example'] });
    expect(deals.slice(1, 31).map((s) => s.record.id)).toEqual(newestFirst(projects));
    expect(deals.map((s) => s.record.id)).not.toContain(ids.closedOffer);
    expect(deals).toHaveLength(50);
  });
});

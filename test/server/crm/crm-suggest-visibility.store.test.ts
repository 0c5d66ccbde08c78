import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCreateSchema } from '../../../shared/crm/company.schema';
import { contactCreateSchema } from '../../../shared/crm/contact.schema';
import { offerCreateSchema, projectCreateSchema } from '../../../shared/crm/deal.schema';
import type { Suggestion } from '../../../shared/crm/suggest.schema';
import type { Viewer, WriteContext } from '../../../server/src/crm/viewer';
import { availableBackends } from '../../support/test-databases';
import { actAsUser, openCrmTestContext, type CrmTestContext } from './crm-test-context';

const backends = await availableBackends();

/**
 * Suggest answers in one statement; these pin down that each way of seeing a restricted
 * company (owner, group member, admin) and everything under it (contacts, open deals) is
 * honoured there, and nothing else is: not another group, not a shared domain.
 */
describe.each(backends)('CRM suggest visibility on %s', (backend) => {
  let ctx: CrmTestContext;
  let owner: WriteContext;
  let member: WriteContext;
  let otherGroupMember: WriteContext;
  let outsider: WriteContext;
  let groupId: string;
  const ids: Record<string, string> = {};
  const vault = ['vera@vault.example', 'new.face@vault.example'];

  const seenBy = async (viewer: Viewer, addresses: readonly string[]) =>
    (await ctx.store.suggest(viewer, addresses)).map((s: Suggestion) => `${s.record.type}:${s.record.id}:${s.reason}:${s.addresses.join(',')}`);

  beforeAll(async () => {
    ctx = await openCrmTestContext(backend);
    const { store, admin } = ctx;
    owner = await actAsUser(store, 'vault-owner');
    member = await actAsUser(store, 'vault-member');
    otherGroupMember = await actAsUser(store, 'other-member');
    outsider = await actAsUser(store, 'outsider');
    groupId = (await store.groups.create(admin, { name: 'Vault team', memberIds: [member.userId] })).id;
    const otherGroup = await store.groups.create(admin, { name: 'Other team', memberIds: [otherGroupMember.userId] });
    const company = async (key: string, input: Record<string, unknown>) => {
      ids[key] = (await store.companies.create(admin, companyCreateSchema.parse(input))).id;
    };
    await company('vault', { name: 'Vault AG', domains: ['vault.example', 'shared.example'], restricted: true, ownerId: owner.userId, groupIds: [groupId] });
    await company('other', { name: 'Other Secret', domains: ['other.example'], restricted: true, groupIds: [otherGroup.id] });
    await company('open', { name: 'Open GmbH', domains: ['shared.example'] });
    const contact = async (key: string, input: Record<string, unknown>) => {
      ids[key] = (await store.contacts.create(admin, contactCreateSchema.parse(input))).id;
    };
    await contact('vera', { companyId: ids.vault, firstName: 'Vera', lastName: 'Vault', emails: ['vera@vault.example'] });
    // No company: visible to all, even at a restricted company's domain.
    await contact('loner', { firstName: 'Lone', lastName: 'Wolf', emails: ['lone@vault.example'] });
    ids.vaultProject = (await store.projects.create(admin, projectCreateSchema.parse({ companyId: ids.vault, title: 'Vault project' }))).id;
    ids.vaultOffer = (await store.offers.create(admin, offerCreateSchema.parse({ companyId: ids.vault, title: 'Vault offer' }))).id;
    ids.openProject = (await store.projects.create(admin, projectCreateSchema.parse({ companyId: ids.open, title: 'Open project' }))).id;
  });
  afterAll(() => ctx.dispose());

  const everything = () => [
    `contact:${ids.vera}:contact:vera@vault.example`,
    `company:${ids.vault}:contact:new.face@vault.example,vera@vault.example`,
    `project:${ids.vaultProject}:company:new.face@vault.example,vera@vault.example`,
    `offer:${ids.vaultOffer}:company:new.face@vault.example,vera@vault.example`,
  ];

  it('shows a restricted company, its contacts and open deals to its owner, its group and admins alike', async () => {
    expect(await seenBy(owner, vault)).toEqual(everything());
    expect(await seenBy(member, vault)).toEqual(everything());
    expect(await seenBy(ctx.admin, vault)).toEqual(everything());
  });

  it('hides them from outsiders and from members of another group, by address and by domain', async () => {
    expect(await seenBy(outsider, vault)).toEqual([]);
    expect(await seenBy(otherGroupMember, vault)).toEqual([]);
    // The other group's own company stays visible to it, so the emptiness above is not an accident.
    expect(await seenBy(otherGroupMember, ['x@other.example'])).toEqual([`company:${ids.other}:domain:x@other.example`]);
  });

  it('suggests a contact without company at a restricted domain, but not the restricted company', async () => {
    expect(await seenBy(outsider, ['lone@vault.example'])).toEqual([`contact:${ids.loner}:contact:lone@vault.example`]);
    expect(await seenBy(owner, ['lone@vault.example'])).toEqual([
      `contact:${ids.loner}:contact:lone@vault.example`,
      `company:${ids.vault}:domain:lone@vault.example`,
      `project:${ids.vaultProject}:company:lone@vault.example`,
      `offer:${ids.vaultOffer}:company:lone@vault.example`,
    ]);
  });

  it('of two companies sharing a domain, suggests only the visible one with its deals', async () => {
    expect(await seenBy(outsider, ['someone@shared.example'])).toEqual([
      `company:${ids.open}:domain:someone@shared.example`,
      `project:${ids.openProject}:company:someone@shared.example`,
    ]);
    expect(await seenBy(member, ['someone@shared.example'])).toEqual([
      `company:${ids.open}:domain:someone@shared.example`,
      `company:${ids.vault}:domain:someone@shared.example`,
      `project:${ids.openProject}:company:someone@shared.example`,
      `project:${ids.vaultProject}:company:someone@shared.example`,
      `offer:${ids.vaultOffer}:company:someone@shared.example`,
    ]);
  });

  it('follows group membership and the restricted flag as they change', async () => {
    const { store, admin } = ctx;
    await store.groups.update(admin, groupId, { memberIds: [] });
    expect(await seenBy(member, vault)).toEqual([]);
    await store.groups.update(admin, groupId, { memberIds: [member.userId] });
    expect(await seenBy(member, vault)).toEqual(everything());
    await store.companies.update(admin, ids.other ?? '', { restricted: false });
    expect(await seenBy(outsider, ['x@other.example'])).toEqual([`company:${ids.other}:domain:x@other.example`]);
  });
});

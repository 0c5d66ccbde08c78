import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../shared/crm/company.schema';
import { openSandboxSyncStack, stampOf, type SandboxSyncStack, type StackUser } from './support/sandbox-sync-stack';

/** B7 template company and company salutation, end to end through the EWS adapter and the sandbox. */
describe('B7 template company and company salutation against the sandbox', () => {
  let stack: SandboxSyncStack;
  let user: StackUser;
  let template: Company;
  let known: Company;
  let groupId: string;
  const admin = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true };
  const allContacts = async () => (await stack.crm.contacts.list(admin, { limit: 100 })).items;
  const allCompanies = async () => (await stack.crm.companies.list(admin, { limit: 100 })).items;

  beforeAll(async () => {
    stack = await openSandboxSyncStack();
    user = await stack.addUser('paula@contoso.example');
    groupId = (await stack.crm.groups.create(stack.system, { name: 'Vertrieb Nord', memberIds: [] })).id;
    template = await stack.crm.companies.create(stack.system, {
      name: 'Vorlage Exchange-Import',
      domains: ['vorlage.example'],
      number: 'T-1',
      status: 'prospect',
      ownerId: user.userId,
      restricted: true,
      groupIds: [groupId],
      phone: '+49 30 1',
      notes: 'template only',
    });
    known = await stack.crm.companies.create(stack.system, { name: 'Bekannt KG', domains: [], status: 'active', restricted: false, groupIds: [], notes: '' });
    await stack.addRule(user, { dataType: 'contacts', options: { templateCompanyId: template.id, companySalutation: 'Firma' } });
  });
  afterAll(async () => stack.close());

  it('creates an unknown company from the template, links a known one, and marks a company-only address', async () => {
    const control = stack.sandbox.control;
    control.createItem(user.mailbox, { folder: 'contacts', kind: 'Contact', fields: { GivenName: 'Paula', Surname: 'Person', CompanyName: 'Neue GmbH' } });
    control.createItem(user.mailbox, { folder: 'contacts', kind: 'Contact', fields: { GivenName: 'Karl', Surname: 'Kunde', CompanyName: ' bekannt kg ' } });
    control.createItem(user.mailbox, { folder: 'contacts', kind: 'Contact', fields: { CompanyName: 'Solo AG', DisplayName: 'Solo AG' } });
    expect(await stack.sync.engine.syncMailbox(user.accountId, true)).toMatchObject({ status: 'synced', counts: { created: 3 } });

    const companies = await allCompanies();
    const neue = companies.find((company) => company.name === 'Neue GmbH');
    expect(neue).toMatchObject({ status: 'prospect', ownerId: user.userId, restricted: true, groupIds: [groupId], number: null, phone: null, notes: '', domains: [] });
    expect(companies.filter((company) => company.name.toLowerCase() === 'bekannt kg')).toHaveLength(1);

    const contacts = await allContacts();
    expect(contacts.find((contact) => contact.lastName === 'Person')?.companyId).toBe(neue?.id);
    expect(contacts.find((contact) => contact.lastName === 'Kunde')?.companyId).toBe(known.id);
    const solo = contacts.find((contact) => contact.lastName === 'Solo AG');
    expect(solo).toMatchObject({ salutation: 'Firma', firstName: '' });
    expect(solo?.companyId).toBe(companies.find((company) => company.name === 'Solo AG')?.id);

    expect(await stack.sync.engine.syncMailbox(user.accountId, true)).toMatchObject({ status: 'synced', counts: { created: 0, changed: 0 } });
    expect(await allCompanies()).toHaveLength(companies.length);
  });

  it('writes a CRM company address to Exchange as a company, without a person name', async () => {
    const acme = await stack.crm.contacts.create(user.api, { salutation: 'Firma', firstName: '', lastName: 'Acme Corp', emails: ['info@acme.example'], phones: [], notes: '' });
    const person = await stack.crm.contacts.create(user.api, { salutation: 'Herr', firstName: 'Max', lastName: 'Acme', companyId: known.id, emails: [], phones: [], notes: '' });
    await stack.sync.engine.syncMailbox(user.accountId, true);
    const items = stack.sandbox.control.listItems(user.mailbox, 'contacts');
    const company = items.find((item) => stampOf(item) === acme.id);
    expect(company?.fields).toMatchObject({ CompanyName: 'Acme Corp', DisplayName: 'Acme Corp' });
    expect(company?.fields['GivenName']).toBeUndefined();
    expect(company?.fields['Surname']).toBeUndefined();
    expect(items.find((item) => stampOf(item) === person.id)?.fields).toMatchObject({ GivenName: 'Max', Surname: 'Acme', CompanyName: 'Bekannt KG' });
    expect(await stack.sync.engine.syncMailbox(user.accountId, true)).toMatchObject({ status: 'synced', counts: { created: 0, changed: 0 } });
  });
});

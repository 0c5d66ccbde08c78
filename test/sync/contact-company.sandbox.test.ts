import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../shared/crm/company.schema';
import { openSandboxSyncStack, stampOf, type SandboxSyncStack, type StackUser } from './support/sandbox-sync-stack';

/** C4: a contact's company as the CRM changes it, end to end through the EWS adapter and the sandbox. */
describe('the company of a contact, CRM to Outlook, against the sandbox', () => {
  let stack: SandboxSyncStack;
  let user: StackUser;
  const newCompany = (name: string): Promise<Company> => stack.crm.companies.create(user.api, { name, domains: [], status: 'active', restricted: false, groupIds: [], notes: '' });
  const newContact = (lastName: string, companyId: string) => stack.crm.contacts.create(user.api, { companyId, firstName: 'Eva', lastName, emails: [], phones: [], notes: '' });
  const itemOf = (crmId: string) => stack.sandbox.control.listItems(user.mailbox, 'contacts').find((item) => stampOf(item) === crmId);
  const companyInOutlook = (crmId: string): string => itemOf(crmId)?.fields['CompanyName'] ?? '';
  const run = () => stack.sync.engine.syncMailbox(user.accountId, true);

  beforeAll(async () => {
    stack = await openSandboxSyncStack();
    user = await stack.addUser('carla@contoso.example');
    await stack.addRule(user, { dataType: 'contacts' });
  });
  afterAll(async () => stack.close());

  it('shows a contact moved to another company in the CRM under the new company after the next run', async () => {
    const [from, to] = [await newCompany('Alt Umzug GmbH'), await newCompany('Neu Umzug AG')];
    const contact = await newContact('Umzug', from.id);
    await run();
    expect(companyInOutlook(contact.id)).toBe('Alt Umzug GmbH');
    await stack.crm.contacts.update(user.api, contact.id, { companyId: to.id });
    expect(await run()).toMatchObject({ status: 'synced', counts: { changed: 1, conflicts: 0 } });
    expect(companyInOutlook(contact.id)).toBe('Neu Umzug AG');
  });

  it('renames a company in every synced contact of it in one run, contacts that did not change included', async () => {
    const company = await newCompany('Fabrikam GmbH');
    const members = [await newContact('Eins', company.id), await newContact('Zwei', company.id), await newContact('Drei', company.id)];
    await run();
    await stack.crm.contacts.update(user.api, members[0]?.id ?? '', { jobTitle: 'Einkauf' });
    await stack.crm.companies.update(user.api, company.id, { name: 'Fabrikam AG' });
    expect(await run()).toMatchObject({ status: 'synced', counts: { changed: 3, conflicts: 0 } });
    expect(members.map((member) => companyInOutlook(member.id))).toEqual(['Fabrikam AG', 'Fabrikam AG', 'Fabrikam AG']);
    expect(itemOf(members[0]?.id ?? '')?.fields['JobTitle']).toBe('Einkauf');
  });

  it('keeps a company typed in Outlook in another spelling of the linked CRM company, without writes or conflicts', async () => {
    const company = await newCompany('Contoso GmbH');
    const typed = stack.sandbox.control.createItem(user.mailbox, { folder: 'contacts', kind: 'Contact', fields: { GivenName: 'Otto', Surname: 'Tipp', CompanyName: 'contoso gmbh' } });
    expect(await run()).toMatchObject({ status: 'synced', counts: { created: 1 } });
    const crmId = stampOf(stack.sandbox.control.getItem(user.mailbox, typed.id) ?? typed) ?? '';
    expect((await stack.crm.contacts.get(user.api, crmId)).companyId).toBe(company.id);
    // A CRM edit of another field makes the engine compare the whole contact again.
    await stack.crm.contacts.update(user.api, crmId, { jobTitle: 'Vertrieb' });
    expect(await run()).toMatchObject({ status: 'synced', counts: { changed: 1, conflicts: 0 } });
    const settled = itemOf(crmId);
    const version = (await stack.crm.contacts.get(user.api, crmId)).version;
    for (let i = 0; i < 2; i += 1) expect(await run()).toMatchObject({ status: 'synced', counts: { created: 0, changed: 0, conflicts: 0 } });
    expect(itemOf(crmId)?.changeKey).toBe(settled?.changeKey);
    expect(companyInOutlook(crmId)).toBe('contoso gmbh');
    expect((await stack.crm.contacts.get(user.api, crmId)).version).toBe(version);
  });

  it('clears the company in Outlook when the CRM takes the contact out of it, or deletes the company', async () => {
    const company = await newCompany('Weg KG');
    const [leaving, staying] = [await newContact('Geht', company.id), await newContact('Bleibt', company.id)];
    await run();
    await stack.crm.contacts.update(user.api, leaving.id, { companyId: null });
    await run();
    expect([companyInOutlook(leaving.id), companyInOutlook(staying.id)]).toEqual(['', 'Weg KG']);
    await stack.crm.companies.remove(user.api, company.id);
    await run();
    expect(companyInOutlook(staying.id)).toBe('');
  });
});

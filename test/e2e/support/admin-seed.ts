import type { AdminE2eBackend } from './admin-backend';

const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';

export interface SeedPerson {
  readonly email: string;
  readonly name: string;
}

export const ANNA: SeedPerson = { email: 'anna.schmidt@contoso.example', name: 'Anna Schmidt' };
export const BEN: SeedPerson = { email: 'ben.carter@contoso.example', name: 'Ben Carter' };
export const SALES_GROUP = 'Sales';

/** Contacts already in the mailboxes before the rule exists: the rule's import window brings them in. */
export const EXCHANGE_CONTACTS: Readonly<Record<string, readonly { given: string; surname: string; email: string }[]>> = {
  [ANNA.email]: [
    { given: 'Sabine', surname: 'Groß', email: 'sabine.gross@nordlicht.example' },
    { given: 'Jonas', surname: 'Weber', email: 'jonas.weber@nordlicht.example' },
  ],
  [BEN.email]: [{ given: 'Lena', surname: 'Fischer', email: 'lena.fischer@suedwind.example' }],
};

function contactXml(contact: { given: string; surname: string; email: string }): string {
  const display = `${contact.given} ${contact.surname}`;
  return (
    `<t:Contact xmlns:t="${TYPES_NS}"><t:FileAs>${contact.surname}, ${contact.given}</t:FileAs><t:DisplayName>${display}</t:DisplayName>` +
    `<t:GivenName>${contact.given}</t:GivenName><t:EmailAddresses><t:Entry Key="EmailAddress1">${contact.email}</t:Entry></t:EmailAddresses>` +
    `<t:Surname>${contact.surname}</t:Surname></t:Contact>`
  );
}

/**
 * What an Exchange admin and the CRM already hold before anyone opens the console: two
 * mailboxes the service account may impersonate, with contacts, and two CRM users in
 * the group "Sales" (the console picks users and groups, it does not create them).
 */
export async function seedAdminScenario(backend: AdminE2eBackend): Promise<void> {
  for (const person of [ANNA, BEN]) {
    backend.sandbox.control.addMailbox({ smtpAddress: person.email, displayName: person.name });
    backend.sandbox.control.grantImpersonation(person.email);
    for (const contact of EXCHANGE_CONTACTS[person.email] ?? []) {
      backend.sandbox.control.createItem(person.email, { kind: 'Contact', folder: 'contacts', itemXml: contactXml(contact) });
    }
  }
  const memberIds: string[] = [];
  for (const person of [ANNA, BEN]) {
    const user = await backend.api<{ id: string }>('POST', '/api/crm/users', { email: person.email, displayName: person.name });
    memberIds.push(user.id);
  }
  await backend.api('POST', '/api/crm/groups', { name: SALES_GROUP, memberIds });
}

/** The CRM contacts with these e-mail addresses, as the API lists them. */
export async function crmContactsByEmail(backend: AdminE2eBackend, emails: readonly string[]): Promise<Map<string, string>> {
  const page = await backend.api<{ items: { id: string; emails: string[] }[] }>('GET', '/api/crm/contacts?limit=200');
  const byEmail = new Map<string, string>();
  for (const contact of page.items) {
    for (const email of contact.emails) if (emails.includes(email)) byEmail.set(email, contact.id);
  }
  return byEmail;
}

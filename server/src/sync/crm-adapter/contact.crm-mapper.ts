import { plainTextOf } from '../body-text';
import type { Contact, ContactCreate, ContactPatch, Phone } from '../../../../shared/crm/contact.schema';
import type { NeutralContact } from '../../exchange/exchange-items';
import { sameCompanyName } from './company-link';

const phoneKindOf = { businessPhone: 'work', mobilePhone: 'mobile', homePhone: 'home' } as const;

function phoneOf(phones: readonly Phone[], kind: Phone['kind']): string {
  return phones.find((phone) => phone.kind === kind)?.number ?? '';
}

/** B7 "salutation for company addresses": the CRM marks a company address by its salutation. */
export function isCompanyAddress(contact: Pick<Contact, 'salutation'>, companySalutation: string | null): boolean {
  return companySalutation !== null && contact.salutation !== null && contact.salutation.trim().toLowerCase() === companySalutation.trim().toLowerCase();
}

/** An Exchange contact that names a company but no person is a company address. */
export function looksLikeCompany(contact: NeutralContact): boolean {
  return contact.givenName === '' && contact.surname === '' && contact.companyName.trim() !== '';
}

/**
 * docs/sync-field-mapping.md, "Contacts". `companyName` is the CRM company's name. A
 * company address (B7) reaches Exchange as a company: its name in the company and display
 * name fields, no person name, so Outlook files it under the company.
 */
export function contactToNeutral(contact: Contact, companyName: string, companySalutation: string | null = null): NeutralContact {
  const address = contact.address;
  const hasAddress = address && Object.values(address).some((part) => part);
  const company = isCompanyAddress(contact, companySalutation);
  const name = companyName || contact.lastName;
  return {
    type: 'contact',
    givenName: company ? '' : contact.firstName,
    surname: company ? '' : contact.lastName,
    displayName: company ? name : [contact.firstName, contact.lastName].filter(Boolean).join(' '),
    companyName: company ? name : companyName,
    jobTitle: contact.jobTitle ?? '',
    department: contact.department ?? '',
    emails: contact.emails.slice(0, 3),
    businessPhone: phoneOf(contact.phones, 'work'),
    mobilePhone: phoneOf(contact.phones, 'mobile'),
    homePhone: phoneOf(contact.phones, 'home'),
    businessAddress: hasAddress
      ? { street: address.street ?? '', city: address.city ?? '', postalCode: address.postalCode ?? '', state: address.region ?? '', country: address.country ?? '' }
      : null,
    notes: contact.notes === '' ? null : { format: 'text', content: contact.notes },
  };
}

/**
 * The display name is Exchange-only: it comes from the last synced values. The company
 * name is the CRM's linked company, except that a spelling typed in Outlook and linked to
 * it ("contoso gmbh" for "Contoso GmbH") stays as synced, or the engine would fight over
 * case; another company, none, or a renamed one is a change in the CRM.
 */
export function reconcileContact(values: NeutralContact, snapshot: NeutralContact): NeutralContact {
  const companyName = sameCompanyName(values.companyName, snapshot.companyName) ? snapshot.companyName : values.companyName;
  return { ...values, displayName: snapshot.displayName, companyName };
}

function textOrNull(value: string): string | null {
  return value === '' ? null : value;
}

/** Exchange keeps three addresses; the CRM may hold more, which stay behind the first three. */
function mergedEmails(neutral: readonly string[], existing: readonly string[]): string[] {
  const kept = existing.slice(3).filter((address) => !neutral.includes(address));
  return [...new Set([...neutral.map((address) => address.toLowerCase()), ...kept])];
}

function mergedPhones(contact: NeutralContact, existing: readonly Phone[]): Phone[] {
  const managed = new Set<Phone['kind']>(Object.values(phoneKindOf));
  const kept = existing.filter((phone) => !managed.has(phone.kind));
  const mapped = (Object.keys(phoneKindOf) as Array<keyof typeof phoneKindOf>).flatMap((field) => (contact[field] ? [{ kind: phoneKindOf[field], number: contact[field] }] : []));
  return [...mapped, ...kept];
}

function surnameOf(contact: NeutralContact): string {
  // The CRM requires a last name; Outlook contacts may only have a display name or an address.
  return contact.surname || contact.displayName || contact.emails[0] || contact.companyName || '(no name)';
}

/** `salutation` marks a company address (B7); `companyId` is the company the contact's company name resolved to. */
export function contactToCreate(contact: NeutralContact, ownerId: string | null, link: { companyId?: string | null; salutation?: string | null } = {}): ContactCreate {
  return {
    ...(link.companyId ? { companyId: link.companyId } : {}),
    ...(link.salutation ? { salutation: link.salutation } : {}),
    firstName: contact.givenName,
    lastName: surnameOf(contact),
    jobTitle: textOrNull(contact.jobTitle),
    department: textOrNull(contact.department),
    emails: mergedEmails(contact.emails, []),
    phones: mergedPhones(contact, []),
    address: contact.businessAddress
      ? { street: contact.businessAddress.street || null, city: contact.businessAddress.city || null, postalCode: contact.businessAddress.postalCode || null, region: contact.businessAddress.state || null, country: contact.businessAddress.country || null }
      : null,
    notes: plainTextOf(contact.notes),
    ownerId,
  };
}

/** A patch of the CRM fields behind the changed neutral fields. */
export function contactToPatch(contact: NeutralContact, fields: readonly string[], existing: Contact): ContactPatch {
  const full = contactToCreate(contact, existing.ownerId);
  const patch: ContactPatch = {};
  for (const field of fields) {
    if (field === 'givenName') patch.firstName = full.firstName;
    if (field === 'surname') patch.lastName = full.lastName;
    if (field === 'jobTitle') patch.jobTitle = full.jobTitle;
    if (field === 'department') patch.department = full.department;
    if (field === 'emails') patch.emails = mergedEmails(contact.emails, existing.emails);
    if (field === 'businessPhone' || field === 'mobilePhone' || field === 'homePhone') patch.phones = mergedPhones(contact, existing.phones);
    if (field === 'businessAddress') patch.address = full.address ?? null;
    if (field === 'notes') patch.notes = full.notes;
  }
  return patch;
}

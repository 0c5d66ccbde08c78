import type { ContactFields, EwsContact, PhysicalAddress } from '../ews/ews-types';
import type { Nullable } from '../ews/field-codec';
import type { NeutralContact, PostalAddress } from '../exchange-items';
import { bodyFromEws, bodyToEws, selectFields, textOrNull } from './body.ews-mapper';

/** docs/sync-field-mapping.md, "Contacts". */
export function contactFromEws(item: EwsContact): NeutralContact {
  const emails = [item.emailAddresses?.EmailAddress1, item.emailAddresses?.EmailAddress2, item.emailAddresses?.EmailAddress3].filter(
    (address): address is string => address !== undefined && address !== '',
  );
  const business = item.physicalAddresses?.Business;
  return {
    type: 'contact',
    givenName: item.givenName ?? '',
    surname: item.surname ?? '',
    displayName: item.displayName ?? '',
    companyName: item.companyName ?? '',
    jobTitle: item.jobTitle ?? '',
    department: item.department ?? '',
    emails,
    businessPhone: item.phoneNumbers?.BusinessPhone ?? '',
    mobilePhone: item.phoneNumbers?.MobilePhone ?? '',
    homePhone: item.phoneNumbers?.HomePhone ?? '',
    businessAddress: business ? addressFromEws(business) : null,
    notes: bodyFromEws(item.body),
  };
}

function addressFromEws(address: PhysicalAddress): PostalAddress | null {
  const mapped = { street: address.street ?? '', city: address.city ?? '', postalCode: address.postalCode ?? '', state: address.state ?? '', country: address.countryOrRegion ?? '' };
  return Object.values(mapped).every((part) => part === '') ? null : mapped;
}

const emptyAddress: PhysicalAddress = { street: '', city: '', postalCode: '', state: '', countryOrRegion: '' };

/** Which EWS properties carry each neutral field. */
const ewsKeysOf: Readonly<Record<Exclude<keyof NeutralContact, 'type'>, readonly (keyof ContactFields)[]>> = {
  givenName: ['givenName'],
  surname: ['surname'],
  displayName: ['displayName'],
  companyName: ['companyName'],
  jobTitle: ['jobTitle'],
  department: ['department'],
  emails: ['emailAddresses'],
  businessPhone: ['phoneNumbers'],
  mobilePhone: ['phoneNumbers'],
  homePhone: ['phoneNumbers'],
  businessAddress: ['physicalAddresses'],
  notes: ['body'],
};

function allContactFields(contact: NeutralContact): Nullable<ContactFields> {
  const address = contact.businessAddress;
  return {
    givenName: textOrNull(contact.givenName),
    surname: textOrNull(contact.surname),
    displayName: textOrNull(contact.displayName),
    companyName: textOrNull(contact.companyName),
    jobTitle: textOrNull(contact.jobTitle),
    department: textOrNull(contact.department),
    emailAddresses: { EmailAddress1: contact.emails[0] ?? '', EmailAddress2: contact.emails[1] ?? '', EmailAddress3: contact.emails[2] ?? '' },
    phoneNumbers: { BusinessPhone: contact.businessPhone, MobilePhone: contact.mobilePhone, HomePhone: contact.homePhone },
    physicalAddresses: {
      Business: address
        ? { street: address.street, city: address.city, postalCode: address.postalCode, state: address.state, countryOrRegion: address.country }
        : emptyAddress,
    },
    body: bodyToEws(contact.notes),
  };
}

/** EWS fields to write for `fields` of the neutral contact ('create': everything that has a value). */
export function contactToEws(contact: NeutralContact, fields: readonly string[] | 'create'): Nullable<ContactFields> {
  const keys = fields === 'create' ? 'create' : fields.flatMap((field) => ewsKeysOf[field as keyof typeof ewsKeysOf] ?? []);
  return selectFields(allContactFields(contact) as Record<string, unknown>, keys) as Nullable<ContactFields>;
}

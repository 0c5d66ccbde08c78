import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { childrenNamed, firstChild, type XmlElement } from '../../xml/xml-element';
import {
  emailAddressKeys,
  phoneNumberKeys,
  physicalAddressKeys,
  type ContactFields,
  type PhysicalAddress,
  type PhysicalAddressKey,
} from './ews-types';
import { dictionaryField, indexedFieldUri, textField, type FieldCodec, type FieldUpdate, type Nullable } from './field-codec';
import { forEachTypesChild, nonEmpty, put, typesProperties, type Writable } from './xml-read';

/**
 * Contact properties. Physical addresses are addressed per part in updates
 * (`contacts:PhysicalAddress:Street` with FieldIndex `Business`).
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/indexedfielduri
 */
const ADDRESS_PARTS: readonly (readonly [keyof PhysicalAddress, string])[] = [
  ['street', 'Street'],
  ['city', 'City'],
  ['state', 'State'],
  ['countryOrRegion', 'CountryOrRegion'],
  ['postalCode', 'PostalCode'],
];

function buildAddressEntry(key: PhysicalAddressKey, address: PhysicalAddress): XmlNode {
  return el(
    't:Entry',
    { Key: key },
    ADDRESS_PARTS.map(([prop, element]) => {
      const value = address[prop];
      return value !== undefined && value !== '' && el(`t:${element}`, {}, value);
    }),
  );
}

const physicalAddressesCodec: FieldCodec<ContactFields> = {
  key: 'physicalAddresses',
  toNodes(fields) {
    const addresses = fields.physicalAddresses;
    if (!addresses) return [];
    const entries = physicalAddressKeys.flatMap((k) => {
      const address = addresses[k];
      return address ? [buildAddressEntry(k, address)] : [];
    });
    return entries.length === 0 ? [] : [el('t:PhysicalAddresses', {}, entries)];
  },
  toUpdates(fields) {
    const addresses = fields.physicalAddresses;
    if (addresses === undefined) return [];
    return physicalAddressKeys.flatMap((k): FieldUpdate[] => {
      const address = addresses === null ? null : addresses[k];
      if (address === undefined) return [];
      return ADDRESS_PARTS.flatMap(([prop, element]): FieldUpdate[] => {
        const path = indexedFieldUri(`contacts:PhysicalAddress:${element}`, k);
        const value = address === null ? '' : address[prop];
        if (value === undefined) return [];
        if (value === '') return [{ op: 'delete', path }];
        return [{ op: 'set', path, node: el('t:PhysicalAddresses', {}, [buildAddressEntry(k, { [prop]: value })]) }];
      });
    });
  },
};

/** types.xsd `ContactItemType` order. */
export const contactCodecs: readonly FieldCodec<ContactFields>[] = [
  textField('fileAs', 'FileAs', 'contacts:FileAs'),
  textField('displayName', 'DisplayName', 'contacts:DisplayName'),
  textField('givenName', 'GivenName', 'contacts:GivenName'),
  textField('initials', 'Initials', 'contacts:Initials'),
  textField('middleName', 'MiddleName', 'contacts:MiddleName'),
  textField('nickname', 'Nickname', 'contacts:Nickname'),
  textField('companyName', 'CompanyName', 'contacts:CompanyName'),
  dictionaryField('emailAddresses', 'EmailAddresses', 'contacts:EmailAddress', emailAddressKeys),
  physicalAddressesCodec,
  dictionaryField('phoneNumbers', 'PhoneNumbers', 'contacts:PhoneNumber', phoneNumberKeys),
  textField('assistantName', 'AssistantName', 'contacts:AssistantName'),
  textField('birthday', 'Birthday', 'contacts:Birthday'),
  textField('businessHomePage', 'BusinessHomePage', 'contacts:BusinessHomePage'),
  textField('department', 'Department', 'contacts:Department'),
  textField('generation', 'Generation', 'contacts:Generation'),
  textField('jobTitle', 'JobTitle', 'contacts:JobTitle'),
  textField('manager', 'Manager', 'contacts:Manager'),
  textField('officeLocation', 'OfficeLocation', 'contacts:OfficeLocation'),
  textField('profession', 'Profession', 'contacts:Profession'),
  textField('spouseName', 'SpouseName', 'contacts:SpouseName'),
  textField('surname', 'Surname', 'contacts:Surname'),
];

function readDictionary<K extends string>(container: XmlElement, keys: readonly K[]): Partial<Record<K, string>> | undefined {
  const out: Partial<Record<K, string>> = {};
  let found = false;
  for (const entry of childrenNamed(container, NS.types, 'Entry')) {
    const key = entry.attrs['Key'] as K | undefined;
    if (key !== undefined && keys.includes(key) && entry.text.trim() !== '') {
      out[key] = entry.text;
      found = true;
    }
  }
  return found ? out : undefined;
}

/**
 * `CountryOrRegion` is the schema's element. Microsoft's GetItem example writes
 * `t:Country`, which no server sends; it is ignored like any unknown element.
 */
function readPhysicalAddresses(container: XmlElement): ContactFields['physicalAddresses'] {
  const out: Partial<Record<PhysicalAddressKey, PhysicalAddress>> = {};
  let found = false;
  for (const entry of childrenNamed(container, NS.types, 'Entry')) {
    const key = entry.attrs['Key'] as PhysicalAddressKey | undefined;
    if (key === undefined || !physicalAddressKeys.includes(key)) continue;
    const address: Writable<PhysicalAddress> = {};
    forEachTypesChild(entry, (part) => {
      const prop = ADDRESS_PROPERTY.get(part.local);
      if (prop !== undefined) put(address, prop, nonEmpty(part.text));
    });
    out[key] = address;
    found = true;
  }
  return found ? out : undefined;
}

const ADDRESS_PROPERTY: ReadonlyMap<string, keyof PhysicalAddress> = new Map(ADDRESS_PARTS.map(([prop, element]) => [element, prop]));

type ContactTextKey = {
  [K in keyof ContactFields]-?: string extends NonNullable<ContactFields[K]> ? K : never;
}[keyof ContactFields];

/** Contact properties read as plain text, by element name (the rest are dictionaries). */
const CONTACT_TEXT: ReadonlyMap<string, ContactTextKey> = new Map<string, ContactTextKey>([
  ['FileAs', 'fileAs'],
  ['DisplayName', 'displayName'],
  ['GivenName', 'givenName'],
  ['Initials', 'initials'],
  ['MiddleName', 'middleName'],
  ['Nickname', 'nickname'],
  ['CompanyName', 'companyName'],
  ['AssistantName', 'assistantName'],
  ['Birthday', 'birthday'],
  ['BusinessHomePage', 'businessHomePage'],
  ['Department', 'department'],
  ['Generation', 'generation'],
  ['JobTitle', 'jobTitle'],
  ['Manager', 'manager'],
  ['OfficeLocation', 'officeLocation'],
  ['Profession', 'profession'],
  ['SpouseName', 'spouseName'],
  ['Surname', 'surname'],
]);

export function readContactFields(item: XmlElement, properties: readonly XmlElement[] = typesProperties(item)): ContactFields {
  const out: Writable<ContactFields> = {};
  properties.forEach((child) => {
    const textKey = CONTACT_TEXT.get(child.local);
    if (textKey !== undefined) {
      out[textKey] = child.text;
      return;
    }
    if (child.local === 'EmailAddresses') put(out, 'emailAddresses', readDictionary(child, emailAddressKeys));
    else if (child.local === 'PhoneNumbers') put(out, 'phoneNumbers', readDictionary(child, phoneNumberKeys));
    else if (child.local === 'PhysicalAddresses') put(out, 'physicalAddresses', readPhysicalAddresses(child));
  });
  return out;
}

export type ContactUpdate = Nullable<ContactFields>;

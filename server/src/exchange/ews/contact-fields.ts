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
import { typesNonEmpty, typesText, withoutUndefined } from './xml-read';

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

function readDictionary<K extends string>(item: XmlElement, container: string, keys: readonly K[]): Partial<Record<K, string>> | undefined {
  const entries = childrenNamed(firstChild(item, NS.types, container), NS.types, 'Entry');
  const out: Partial<Record<K, string>> = {};
  for (const entry of entries) {
    const key = entry.attrs['Key'] as K | undefined;
    if (key !== undefined && keys.includes(key) && entry.text.trim() !== '') out[key] = entry.text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * `CountryOrRegion` is the schema's element. Microsoft's GetItem example writes
 * `t:Country`, which no server sends; it is ignored like any unknown element.
 */
function readPhysicalAddresses(item: XmlElement): ContactFields['physicalAddresses'] {
  const out: Partial<Record<PhysicalAddressKey, PhysicalAddress>> = {};
  for (const entry of childrenNamed(firstChild(item, NS.types, 'PhysicalAddresses'), NS.types, 'Entry')) {
    const key = entry.attrs['Key'] as PhysicalAddressKey | undefined;
    if (key === undefined || !physicalAddressKeys.includes(key)) continue;
    out[key] = withoutUndefined({
      street: typesNonEmpty(entry, 'Street'),
      city: typesNonEmpty(entry, 'City'),
      state: typesNonEmpty(entry, 'State'),
      countryOrRegion: typesNonEmpty(entry, 'CountryOrRegion'),
      postalCode: typesNonEmpty(entry, 'PostalCode'),
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function readContactFields(item: XmlElement): ContactFields {
  return withoutUndefined({
    fileAs: typesText(item, 'FileAs'),
    displayName: typesText(item, 'DisplayName'),
    givenName: typesText(item, 'GivenName'),
    initials: typesText(item, 'Initials'),
    middleName: typesText(item, 'MiddleName'),
    nickname: typesText(item, 'Nickname'),
    companyName: typesText(item, 'CompanyName'),
    emailAddresses: readDictionary(item, 'EmailAddresses', emailAddressKeys),
    physicalAddresses: readPhysicalAddresses(item),
    phoneNumbers: readDictionary(item, 'PhoneNumbers', phoneNumberKeys),
    assistantName: typesText(item, 'AssistantName'),
    birthday: typesText(item, 'Birthday'),
    businessHomePage: typesText(item, 'BusinessHomePage'),
    department: typesText(item, 'Department'),
    generation: typesText(item, 'Generation'),
    jobTitle: typesText(item, 'JobTitle'),
    manager: typesText(item, 'Manager'),
    officeLocation: typesText(item, 'OfficeLocation'),
    profession: typesText(item, 'Profession'),
    spouseName: typesText(item, 'SpouseName'),
    surname: typesText(item, 'Surname'),
  });
}

export type ContactUpdate = Nullable<ContactFields>;

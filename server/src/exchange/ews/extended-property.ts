import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { childrenNamed, childText, firstChild, type XmlElement } from '../../xml/xml-element';

/**
 * MAPI named/tagged properties addressed by `ExtendedFieldURI`. The sync engine stamps
 * the CRM id on items this way (String property in our own property set), so a lost
 * mapping can be rebuilt without duplicates.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedfielduri
 */
export type ExtendedPropertyType =
  | 'String'
  | 'StringArray'
  | 'Integer'
  | 'IntegerArray'
  | 'Boolean'
  | 'SystemTime'
  | 'SystemTimeArray'
  | 'Binary'
  | 'BinaryArray'
  | 'Double'
  | 'Long'
  | 'Short'
  | 'CLSID';

export type DistinguishedPropertySet = 'Meeting' | 'Appointment' | 'Common' | 'PublicStrings' | 'Address' | 'InternetHeaders' | 'CalendarAssistant' | 'UnifiedMessaging' | 'Task';

export interface ExtendedPropertyPath {
  readonly propertyType: ExtendedPropertyType;
  /** A GUID of our own; exclusive with `distinguishedPropertySetId` and `propertyTag`. */
  readonly propertySetId?: string;
  readonly distinguishedPropertySetId?: DistinguishedPropertySet;
  readonly propertyName?: string;
  readonly propertyId?: number;
  /** Hex (`0x1000`) or decimal tag of a non-named property. */
  readonly propertyTag?: string;
}

export interface ExtendedPropertyValue {
  readonly path: ExtendedPropertyPath;
  /** Single-valued properties. */
  readonly value?: string;
  /** Multi-valued (`…Array`) properties. */
  readonly values?: readonly string[];
}

/** Rejects paths Exchange would refuse with ErrorSchemaValidation or, worse, misread. */
export function checkExtendedPropertyPath(path: ExtendedPropertyPath): void {
  const sets = [path.propertySetId, path.distinguishedPropertySetId, path.propertyTag].filter((v) => v !== undefined);
  if (sets.length !== 1) {
    throw new ExchangeError('invalid-request', 'An extended property needs exactly one of propertySetId, distinguishedPropertySetId or propertyTag');
  }
  if (path.propertyTag === undefined && (path.propertyName === undefined) === (path.propertyId === undefined)) {
    throw new ExchangeError('invalid-request', 'A named extended property needs exactly one of propertyName or propertyId');
  }
  if (path.propertyTag !== undefined && (path.propertyName !== undefined || path.propertyId !== undefined)) {
    throw new ExchangeError('invalid-request', 'A tagged extended property takes no propertyName or propertyId');
  }
}

export function buildExtendedFieldUri(path: ExtendedPropertyPath): XmlNode {
  checkExtendedPropertyPath(path);
  return el('t:ExtendedFieldURI', {
    DistinguishedPropertySetId: path.distinguishedPropertySetId,
    PropertySetId: path.propertySetId,
    PropertyTag: path.propertyTag,
    PropertyName: path.propertyName,
    PropertyId: path.propertyId,
    PropertyType: path.propertyType,
  });
}

export function buildExtendedProperty(property: ExtendedPropertyValue): XmlNode {
  const isArray = property.path.propertyType.endsWith('Array');
  if (isArray ? property.values === undefined : property.value === undefined) {
    throw new ExchangeError('invalid-request', `Extended property of type ${property.path.propertyType} needs ${isArray ? 'values' : 'a value'}`);
  }
  const valueNode = isArray
    ? el('t:Values', {}, (property.values ?? []).map((v) => el('t:Value', {}, v)))
    : el('t:Value', {}, property.value ?? '');
  return el('t:ExtendedProperty', {}, [buildExtendedFieldUri(property.path), valueNode]);
}

export function parseExtendedProperty(element: XmlElement): ExtendedPropertyValue | undefined {
  const uri = firstChild(element, NS.types, 'ExtendedFieldURI');
  const propertyType = uri?.attrs['PropertyType'];
  if (!uri || !propertyType) return undefined;
  const propertyId = uri.attrs['PropertyId'];
  const path: ExtendedPropertyPath = {
    propertyType: propertyType as ExtendedPropertyType,
    propertySetId: uri.attrs['PropertySetId'],
    distinguishedPropertySetId: uri.attrs['DistinguishedPropertySetId'] as DistinguishedPropertySet | undefined,
    propertyName: uri.attrs['PropertyName'],
    propertyId: propertyId === undefined ? undefined : Number(propertyId),
    propertyTag: uri.attrs['PropertyTag'],
  };
  const values = firstChild(element, NS.types, 'Values');
  if (values) return { path, values: childrenNamed(values, NS.types, 'Value').map((v) => v.text) };
  return { path, value: childText(element, NS.types, 'Value') ?? '' };
}

/**
 * Identity of a property path for lookups. GUIDs compare case-insensitively and tags
 * may be written in hex or decimal, so both are normalised.
 */
export function extendedPropertyKey(path: ExtendedPropertyPath): string {
  const set = path.propertySetId?.toLowerCase() ?? path.distinguishedPropertySetId ?? 'tag';
  const tag = path.propertyTag === undefined ? '' : String(Number(path.propertyTag));
  return [set, path.propertyName ?? '', path.propertyId ?? '', tag, path.propertyType].join('|');
}

/** Finds the value of one property among those read from an item. */
export function findExtendedProperty(
  properties: readonly ExtendedPropertyValue[] | undefined,
  path: ExtendedPropertyPath,
): ExtendedPropertyValue | undefined {
  const key = extendedPropertyKey(path);
  return properties?.find((p) => extendedPropertyKey(p.path) === key);
}

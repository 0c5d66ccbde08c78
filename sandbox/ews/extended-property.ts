import { NS } from '../../server/src/xml/namespaces';
import { childrenNamed, firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import { el, type XmlNode } from '../../server/src/xml/render-xml';
import type { ExtendedPropertyKey, ExtendedPropertyValue } from '../store/store-types';

/** Reads an ExtendedFieldURI's attributes. */
export function readExtendedKey(uri: XmlElement): ExtendedPropertyKey {
  const a = uri.attrs;
  return {
    distinguishedPropertySetId: a.DistinguishedPropertySetId,
    propertySetId: a.PropertySetId,
    propertyTag: a.PropertyTag,
    propertyName: a.PropertyName,
    propertyId: a.PropertyId,
    propertyType: a.PropertyType ?? 'String',
  };
}

/**
 * One identity per MAPI property however the client spells it: GUIDs are
 * case-insensitive and a PropertyTag may be written in hex ("0x3001") or decimal.
 */
export function extendedKeyString(key: ExtendedPropertyKey): string {
  const tag = key.propertyTag === undefined ? '' : Number(key.propertyTag).toString(16);
  return [key.distinguishedPropertySetId ?? '', (key.propertySetId ?? '').toLowerCase(), tag, key.propertyName ?? '', key.propertyId ?? ''].join('|');
}

export function readExtendedProperty(prop: XmlElement): ExtendedPropertyValue | undefined {
  const uri = firstChild(prop, NS.types, 'ExtendedFieldURI');
  if (!uri) return undefined;
  const single = firstChild(prop, NS.types, 'Value');
  const values = single ? [single.text] : childrenNamed(firstChild(prop, NS.types, 'Values'), NS.types, 'Value').map((v) => v.text);
  return { key: readExtendedKey(uri), values };
}

export function renderExtendedFieldUri(key: ExtendedPropertyKey): XmlNode {
  return el('t:ExtendedFieldURI', {
    DistinguishedPropertySetId: key.distinguishedPropertySetId,
    PropertySetId: key.propertySetId,
    PropertyTag: key.propertyTag,
    PropertyName: key.propertyName,
    PropertyId: key.propertyId,
    PropertyType: key.propertyType,
  });
}

export function renderExtendedProperty(value: ExtendedPropertyValue): XmlNode {
  const isArray = value.key.propertyType.endsWith('Array');
  return el('t:ExtendedProperty', {}, [
    renderExtendedFieldUri(value.key),
    isArray ? el('t:Values', {}, value.values.map((v) => el('t:Value', {}, v))) : el('t:Value', {}, value.values[0] ?? ''),
  ]);
}

import { NS } from '../../server/src/xml/namespaces';
import { childText, firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import type { ExtendedPropertyKey } from '../store/store-types';
import { readExtendedKey } from './extended-property';
import { elementForFieldUri } from './item-schema';
import { SoapFaultError } from './operation-context';

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

export interface ItemShape {
  readonly base: BaseShape;
  /** Element local names asked for by FieldURI / IndexedFieldURI. */
  readonly fields: ReadonlySet<string>;
  readonly extended: readonly ExtendedPropertyKey[];
}

export const ID_ONLY: ItemShape = { base: 'IdOnly', fields: new Set(), extended: [] };

/** Reads an ItemShape / FolderShape element. */
export function readShape(shape: XmlElement | undefined): ItemShape {
  const baseText = childText(shape, NS.types, 'BaseShape')?.trim() ?? 'IdOnly';
  if (baseText !== 'IdOnly' && baseText !== 'Default' && baseText !== 'AllProperties') {
    throw new SoapFaultError('ErrorSchemaValidation', `The request failed schema validation: BaseShape '${baseText}' is not valid.`);
  }
  const fields = new Set<string>();
  const extended: ExtendedPropertyKey[] = [];
  for (const path of firstChild(shape, NS.types, 'AdditionalProperties')?.children ?? []) {
    if (path.local === 'ExtendedFieldURI') extended.push(readExtendedKey(path));
    else {
      const local = elementForFieldUri(path.attrs.FieldURI ?? '');
      if (!local) throw new SoapFaultError('ErrorInvalidPropertyRequest', 'The property request is invalid.');
      fields.add(local);
    }
  }
  return { base: baseText, fields, extended };
}

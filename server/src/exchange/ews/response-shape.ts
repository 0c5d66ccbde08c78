import { el, type XmlNode } from '../../xml/render-xml';
import { buildExtendedFieldUri, type ExtendedPropertyPath } from './extended-property';
import { fieldUri, indexedFieldUri } from './field-codec';

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

export type PropertyPath =
  | { readonly fieldUri: string }
  | { readonly fieldUri: string; readonly fieldIndex: string }
  | { readonly extended: ExtendedPropertyPath };

export interface ResponseShape {
  readonly baseShape: BaseShape;
  readonly bodyType?: 'Best' | 'HTML' | 'Text';
  /** Extended properties are never part of a base shape: name them here (e.g. the CRM id). */
  readonly additionalProperties?: readonly PropertyPath[];
}

export function buildPropertyPath(path: PropertyPath): XmlNode {
  if ('extended' in path) return buildExtendedFieldUri(path.extended);
  if ('fieldIndex' in path) return indexedFieldUri(path.fieldUri, path.fieldIndex);
  return fieldUri(path.fieldUri);
}

/** `m:ItemShape` (ItemResponseShapeType order: BaseShape, BodyType, AdditionalProperties). */
export function buildItemShape(shape: ResponseShape): XmlNode {
  return el('m:ItemShape', {}, [
    el('t:BaseShape', {}, shape.baseShape),
    shape.bodyType !== undefined && el('t:BodyType', {}, shape.bodyType),
    additionalProperties(shape),
  ]);
}

/** `m:FolderShape` (FolderResponseShapeType: BaseShape, AdditionalProperties). */
export function buildFolderShape(shape: ResponseShape): XmlNode {
  return el('m:FolderShape', {}, [el('t:BaseShape', {}, shape.baseShape), additionalProperties(shape)]);
}

function additionalProperties(shape: ResponseShape): XmlNode | undefined {
  const paths = shape.additionalProperties ?? [];
  return paths.length === 0 ? undefined : el('t:AdditionalProperties', {}, paths.map(buildPropertyPath));
}

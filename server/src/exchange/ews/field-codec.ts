import { el, type XmlNode } from '../../xml/render-xml';
import type { EwsServerVersion } from './server-version';

/** What a codec needs to know about the conversation (version-dependent elements). */
export interface CodecContext {
  readonly version: EwsServerVersion;
}

/** In an update, `undefined` leaves a property alone and `null` deletes it. */
export type Nullable<F> = { readonly [K in keyof F]?: F[K] | null };

export type FieldUpdate =
  | { readonly op: 'set' | 'append'; readonly path: XmlNode; readonly node: XmlNode }
  | { readonly op: 'delete'; readonly path: XmlNode };

/**
 * One writable property: how it appears inside an item (CreateItem, and the item inside
 * SetItemField) and which property path(s) address it (UpdateItem). Codec lists are kept
 * in types.xsd order because the schema's xs:sequence makes order significant.
 */
export interface FieldCodec<F> {
  readonly key: keyof F & string;
  toNodes(fields: Nullable<F>, ctx: CodecContext): XmlNode[];
  toUpdates(fields: Nullable<F>, ctx: CodecContext): FieldUpdate[];
}

export function fieldUri(uri: string): XmlNode {
  return el('t:FieldURI', { FieldURI: uri });
}

export function indexedFieldUri(uri: string, index: string): XmlNode {
  return el('t:IndexedFieldURI', { FieldURI: uri, FieldIndex: index });
}

/** A property written as one element built from its value. */
export function elementField<F, K extends keyof F & string>(
  key: K,
  uri: string,
  build: (value: NonNullable<F[K]>, ctx: CodecContext) => XmlNode,
): FieldCodec<F> {
  return {
    key,
    toNodes(fields, ctx) {
      const value = fields[key];
      return value === undefined || value === null ? [] : [build(value as NonNullable<F[K]>, ctx)];
    },
    toUpdates(fields, ctx) {
      const value = fields[key];
      if (value === undefined) return [];
      if (value === null) return [{ op: 'delete', path: fieldUri(uri) }];
      return [{ op: 'set', path: fieldUri(uri), node: build(value as NonNullable<F[K]>, ctx) }];
    },
  };
}

/** A property written as `<t:Element>text</t:Element>`. */
export function textField<F, K extends keyof F & string>(key: K, element: string, uri: string): FieldCodec<F> {
  return elementField<F, K>(key, uri, (value) => el(`t:${element}`, {}, String(value)));
}

/**
 * Dictionary properties (e-mail addresses, phone numbers): one `Entry` per key, each
 * addressed by `IndexedFieldURI` in an update. An empty string deletes that entry.
 */
export function dictionaryField<F, K extends keyof F & string>(
  key: K,
  container: string,
  uri: string,
  keys: readonly string[],
): FieldCodec<F> {
  const entries = (value: unknown): [string, string][] =>
    keys.flatMap((k) => {
      const v = (value as Record<string, unknown> | null | undefined)?.[k];
      return typeof v === 'string' ? [[k, v] as [string, string]] : [];
    });
  const wrap = (k: string, v: string): XmlNode => el(`t:${container}`, {}, [el('t:Entry', { Key: k }, v)]);
  return {
    key,
    toNodes(fields) {
      const present = entries(fields[key]).filter(([, v]) => v !== '');
      return present.length === 0 ? [] : [el(`t:${container}`, {}, present.map(([k, v]) => el('t:Entry', { Key: k }, v)))];
    },
    toUpdates(fields) {
      const value = fields[key];
      if (value === undefined) return [];
      if (value === null) return keys.map((k) => ({ op: 'delete' as const, path: indexedFieldUri(uri, k) }));
      return entries(value).map(([k, v]) =>
        v === '' ? { op: 'delete' as const, path: indexedFieldUri(uri, k) } : { op: 'set' as const, path: indexedFieldUri(uri, k), node: wrap(k, v) },
      );
    },
  };
}

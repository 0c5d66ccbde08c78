import type { ItemBody, NeutralItem } from '../exchange/exchange-items';
import { sameBodyText } from './body-text';

/** JSON with sorted keys, so two values compare equal whatever order their keys were built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fieldValue(item: NeutralItem, field: string): unknown {
  return (item as unknown as Record<string, unknown>)[field];
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The free text of each item type: compared by its readable text (B7 body format). */
export const textFields: ReadonlySet<string> = new Set(['notes', 'body']);

/** Whether a field holds the same on both sides; a body that differs only in markup is the same. */
export function sameFieldValue(field: string, a: unknown, b: unknown): boolean {
  if (textFields.has(field) && isBodyOrNone(a) && isBodyOrNone(b)) return sameBodyText(a, b);
  return sameValue(a, b);
}

function isBodyOrNone(value: unknown): value is ItemBody | null | undefined {
  return value === null || value === undefined || (typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string');
}

/** Fields of an item other than its `type` tag, in a stable order. */
export function itemFields(item: NeutralItem): string[] {
  return Object.keys(item)
    .filter((key) => key !== 'type')
    .sort();
}

/** Top-level fields whose value differs; every field when there is no earlier version. */
export function changedFields(before: NeutralItem | null, after: NeutralItem): string[] {
  if (!before || before.type !== after.type) return itemFields(after);
  const keys = new Set([...itemFields(before), ...itemFields(after)]);
  return [...keys].filter((key) => !sameFieldValue(key, fieldValue(before, key), fieldValue(after, key))).sort();
}

/** `target` with `fields` taken from `source`. */
export function withFields(target: NeutralItem, source: NeutralItem, fields: readonly string[]): NeutralItem {
  const copy: Record<string, unknown> = { ...(target as unknown as Record<string, unknown>) };
  for (const field of fields) copy[field] = fieldValue(source, field);
  return copy as unknown as NeutralItem;
}

import type { NeutralItem } from '../exchange/exchange-items';

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
  return [...keys].filter((key) => !sameValue(fieldValue(before, key), fieldValue(after, key))).sort();
}

/** `target` with `fields` taken from `source`. */
export function withFields(target: NeutralItem, source: NeutralItem, fields: readonly string[]): NeutralItem {
  const copy: Record<string, unknown> = { ...(target as unknown as Record<string, unknown>) };
  for (const field of fields) copy[field] = fieldValue(source, field);
  return copy as unknown as NeutralItem;
}

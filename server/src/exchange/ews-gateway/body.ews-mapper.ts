import type { EwsBody } from '../ews/ews-types';
import type { ItemBody } from '../exchange-items';

export function bodyFromEws(body: EwsBody | undefined): ItemBody | null {
  if (!body || body.content === '') return null;
  return { format: body.type === 'HTML' ? 'html' : 'text', content: body.content };
}

export function bodyToEws(body: ItemBody | null): EwsBody | null {
  return body ? { type: body.format === 'html' ? 'HTML' : 'Text', content: body.content } : null;
}

/** '' and absent are the same to the engine; EWS wants absent (create) or a delete (update). */
export function textOrNull(value: string): string | null {
  return value === '' ? null : value;
}

/** Keeps only the requested keys; a create asks for every key and drops the nulls. */
export function selectFields<T extends Record<string, unknown>>(all: T, keys: readonly string[] | 'create'): Partial<T> {
  const selected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (keys === 'create' ? value !== null && value !== undefined : keys.includes(key)) selected[key] = value;
  }
  return selected as Partial<T>;
}

/** Readers for untyped database rows: fail loudly on a schema drift instead of passing garbage on. */
export type Row = Record<string, unknown>;

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`column ${column} is not text`);
  return value;
}

export function textOrNull(row: Row, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

export function instantOrNull(row: Row, column: string): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

export function instant(row: Row, column: string): string {
  const value = instantOrNull(row, column);
  if (value === null) throw new TypeError(`column ${column} is null`);
  return value;
}

export function int(row: Row, column: string): number {
  const value = Number(row[column]);
  if (!Number.isFinite(value)) throw new TypeError(`column ${column} is not a number`);
  return value;
}

export function bool(row: Row, column: string): boolean {
  return row[column] === true;
}

/** jsonb arrives parsed from PGlite and node-postgres alike; text JSON is parsed here. */
export function json(row: Row, column: string): unknown {
  const value = row[column];
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null);
}

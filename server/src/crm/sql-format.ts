/** Timestamps leave the database as ISO-8601 UTC text, identical from PGlite and a server. */
export function isoInstantSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export function isoDateSql(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD')`;
}

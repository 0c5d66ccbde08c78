/**
 * The one database capability the sync stores need: a parameterised query answering
 * rows. PGlite, node-postgres and the project's `Database` all provide it, so the stores
 * run unchanged on the embedded database and on a PostgreSQL server.
 */
export interface SqlClient {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

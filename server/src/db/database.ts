export interface QueryOptions {
  /**
   * For a statement that runs often with the same text (one name, one text): a PostgreSQL
   * server then parses and plans it once per connection as a prepared statement instead of
   * on every call. PGlite ignores it.
   */
  readonly name?: string;
}

/**
 * The one database interface of the backend. Both implementations speak the PostgreSQL
 * dialect: PGlite (embedded, zero set-up) and a PostgreSQL server (production, several
 * instances). Code above this line never knows which one it talks to, except through
 * `dialect` where a capability differs.
 */
export interface Database {
  readonly dialect: 'pglite' | 'postgres';
  /**
   * One statement with `$1…` parameters. int8/bigint columns come back as strings from a
   * server and as numbers from PGlite: cast them in SQL (`::int`, `::text`) when it matters.
   */
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<{ rows: T[] }>;
  /** Parameterless, possibly multi-statement SQL (PGlite's `query` refuses several statements). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; inside it, `tx` is the only handle to use. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

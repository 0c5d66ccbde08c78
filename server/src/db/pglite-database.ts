import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database } from './database';

type PgliteHandle = Pick<PGlite, 'query' | 'exec'> | Transaction;

class PgliteDatabase implements Database {
  readonly dialect = 'pglite' as const;

  constructor(
    private readonly pg: PGlite,
    private readonly handle: PgliteHandle = pg,
    private readonly inTransaction = false,
  ) {}

  async query<T extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    const result = await this.handle.query<T>(sql, [...params]);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.handle.exec(sql);
  }

  async transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.pg.transaction((tx) => fn(new PgliteDatabase(this.pg, tx, true)));
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.pg.close();
  }

  /** The raw handle, for libraries that need it (pg-boss's `executeSql` adapter). */
  get raw(): PGlite {
    return this.pg;
  }
}

/** `dataDir` is a folder (kept across restarts) or `memory://` for a throw-away database. */
export async function openPgliteDatabase(dataDir: string): Promise<Database & { readonly raw: PGlite }> {
  const pg = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  return new PgliteDatabase(pg);
}

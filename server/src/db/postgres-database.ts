import pg from 'pg';
import type { Database, QueryOptions } from './database';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly handle: Queryable = pool,
    private readonly inTransaction = false,
  ) {}

  async query<T extends Record<string, unknown>>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<{ rows: T[] }> {
    const values = [...params];
    const result = options.name ? await this.handle.query<T>({ name: options.name, text: sql, values }) : await this.handle.query<T>(sql, values);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    await this.handle.query(sql);
  }

  async transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresDatabase(this.pool, client, true));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.pool.end();
  }
}

export interface PostgresOptions {
  readonly url: string;
  /** Confines every connection to one schema (tests and benchmarks run side by side in one database). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)},public` } : {}),
  });
  // Fail at start with the server's own message rather than on the first request.
  await pool.query('SELECT 1');
  if (options.schema) {
    // PostgreSQL quietly falls back to `public` for a missing search_path entry: refuse instead.
    const found = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [options.schema]);
    if (found.rowCount === 0) {
      await pool.end();
      throw new Error(`PostgreSQL schema "${options.schema}" does not exist`);
    }
  }
  return new PostgresDatabase(pool);
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

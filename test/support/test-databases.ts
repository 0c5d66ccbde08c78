import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../server/src/db/database';
import { openDatabase } from '../../server/src/db/open-database';
import { quoteIdentifier } from '../../server/src/db/postgres-database';

/**
 * The storage suites run against PGlite always and against the PostgreSQL server when it
 * answers. In CI (CI set) an unreachable server is a failure, not a skip: the suite must
 * run there. Each test file gets its own schema, dropped afterwards, so files can run in
 * parallel against one database.
 */
export const TEST_PG_URL = process.env.TANDEM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestBackend = 'pglite' | 'postgres';

let reachability: Promise<string | null> | undefined;

/** null when reachable, else the reason. */
function probePostgres(): Promise<string | null> {
  reachability ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachability;
}

/** The backends this run must cover; prints why PostgreSQL is left out, throws in CI. */
export async function availableBackends(): Promise<TestBackend[]> {
  const reason = await probePostgres();
  if (reason === null) return ['pglite', 'postgres'];
  const message = `PostgreSQL at ${TEST_PG_URL} is unreachable (${reason})`;
  if (process.env.CI) throw new Error(`${message}; CI must run the storage suite against it`);
  console.warn(`${message}: PostgreSQL storage tests skipped on this machine`);
  return ['pglite'];
}

export interface TestDatabase {
  readonly db: Database;
  dispose(): Promise<void>;
}

export async function openTestDatabase(backend: TestBackend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, dispose: () => db.close() };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  await admin.end();
  const db = await openDatabase({ url: TEST_PG_URL, schema });
  return {
    db,
    async dispose() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: TEST_PG_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
      await cleanup.end();
    },
  };
}

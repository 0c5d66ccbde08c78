import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/database';
import { migrate, type Migration } from '../../../server/src/db/migrate';
import { openDatabase } from '../../../server/src/db/open-database';
import { availableBackends, openTestDatabase, TEST_PG_URL, type TestDatabase } from '../../support/test-databases';

const migrations: Migration[] = [
  { version: '0001_first', sql: 'CREATE TABLE t_first (id int PRIMARY KEY); INSERT INTO t_first VALUES (1);' },
  { version: '0002_second', sql: 'CREATE TABLE t_second (id int PRIMARY KEY);' },
];

const backends = await availableBackends();

describe.each(backends)('migrations on %s', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    db = handle.db;
  });
  afterAll(() => handle.dispose());

  it('applies each migration once and treats a re-run as a no-op', async () => {
    expect(await migrate(db, migrations.slice(0, 1))).toEqual({ applied: ['0001_first'] });
    expect(await migrate(db, migrations)).toEqual({ applied: ['0002_second'] });
    expect(await migrate(db, migrations)).toEqual({ applied: [] });
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t_first');
    expect(rows.rows[0]?.n).toBe(1);
  });

  it('rolls a failing migration back completely', async () => {
    const broken: Migration = { version: '0003_broken', sql: 'CREATE TABLE t_third (id int); SELECT * FROM missing_table;' };
    await expect(migrate(db, [...migrations, broken])).rejects.toThrow(/missing_table/);
    const tables = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 't_third'");
    expect(tables.rows[0]?.n).toBe(0);
    const versions = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.rows.map((r) => r.version)).toEqual(['0001_first', '0002_second']);
  });

  it('keeps a transaction atomic and joins nested transactions to the outer one', async () => {
    await db.exec('CREATE TABLE t_tx (id int PRIMARY KEY)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t_tx VALUES (1)');
        await tx.transaction((inner) => inner.query('INSERT INTO t_tx VALUES (2)'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t_tx')).rows[0]?.n).toBe(0);
  });
});

describe.skipIf(!backends.includes('postgres'))('migrations on postgres, two instances at once', () => {
  it('lets concurrent starts apply every migration exactly once', async () => {
    const first = await openTestDatabase('postgres');
    // A second pool on the same schema plays the second instance.
    const schema = (await first.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? '';
    const second = await openDatabase({ url: TEST_PG_URL, schema });
    try {
      const results = await Promise.all([migrate(first.db, migrations), migrate(second, migrations)]);
      expect(results.flatMap((r) => r.applied).sort()).toEqual(['0001_first', '0002_second']);
    } finally {
      await second.close();
      await first.dispose();
    }
  });
});

describe.skipIf(!backends.includes('postgres'))('a PostgreSQL schema that does not exist', () => {
  it('is refused instead of silently writing into public', async () => {
    await expect(openDatabase({ url: TEST_PG_URL, schema: 'tandem_no_such_schema' })).rejects.toThrow(/does not exist/);
  });
});

describe('embedded database data directory', () => {
  it('keeps data across a close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-pglite-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await migrate(first, migrations);
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      expect((await second.query<{ id: number }>('SELECT id FROM t_first')).rows).toEqual([{ id: 1 }]);
      expect(await migrate(second, migrations)).toEqual({ applied: [] });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two cold starts of the embedded database on a fresh data directory: seconds each, more on a busy machine.
  }, 180_000);
});

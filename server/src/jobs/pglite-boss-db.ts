import type { PGlite } from '@electric-sql/pglite';
import type PgBoss from 'pg-boss';

/**
 * pg-boss on the embedded database (ARCHITECTURE "Probed"): parameterless SQL goes to
 * `exec`, because pg-boss's migrations hold several statements and PGlite's `query`
 * refuses that; the last statement's rows are the answer.
 */
export function createPgliteBossDb(pg: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
      if (values.length > 0) return { rows: (await pg.query(text, values)).rows };
      const results = await pg.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

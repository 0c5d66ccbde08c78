import { mkdirSync } from 'node:fs';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface OpenDatabaseOptions {
  /** `postgres://…` selects a PostgreSQL server; otherwise the embedded database is used. */
  readonly url?: string;
  /** Folder of the embedded database (created when missing), or `memory://`. */
  readonly dataDir?: string;
  /** PostgreSQL only: confine the connection to this schema. */
  readonly schema?: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    }
    return openPostgresDatabase({ url: options.url, ...(options.schema ? { schema: options.schema } : {}) });
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return openPgliteDatabase(dataDir);
}

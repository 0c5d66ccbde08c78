import type { Database } from '../../../server/src/db/database';
import { migrate } from '../../../server/src/db/migrate';
import { createCrmStore, type CrmStore } from '../../../server/src/crm/crm-store';
import type { WriteContext } from '../../../server/src/crm/viewer';
import { openTestDatabase, type TestBackend } from '../../support/test-databases';

export interface CrmTestContext {
  readonly db: Database;
  readonly store: CrmStore;
  readonly admin: WriteContext;
  dispose(): Promise<void>;
}

/** A migrated database with the CRM store and an admin acting through the API. */
export async function openCrmTestContext(backend: TestBackend): Promise<CrmTestContext> {
  const handle = await openTestDatabase(backend);
  await migrate(handle.db);
  const store = createCrmStore(handle.db);
  const adminViewer = await store.resolveViewer({ subject: 'admin-subject', tenantId: 't1', email: 'admin@tandem.test', roles: ['user', 'admin'] });
  return { db: handle.db, store, admin: { ...adminViewer, origin: 'api' }, dispose: () => handle.dispose() };
}

/** A plain user (no admin rights) known under `subject`. */
export async function actAsUser(store: CrmStore, subject: string): Promise<WriteContext> {
  const viewer = await store.resolveViewer({ subject, tenantId: 't1', email: `${subject}@tandem.test`, roles: ['user'] });
  return { ...viewer, origin: 'api' };
}

export async function countRows(db: Database, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

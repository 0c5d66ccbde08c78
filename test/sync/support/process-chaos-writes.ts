import pg from 'pg';
import { quoteIdentifier } from '../../../server/src/db/postgres-database';
import { TEST_PG_URL } from '../../support/test-databases';

/** Tables whose committed rows mark the steps of a sync: CRM writes, pairs, folder cursors, journal cursors. */
const WATCHED = ['crm_changes', 'sync_pairs', 'sync_folder_states', 'sync_journal_cursors', 'sync_pending'] as const;

export interface WriteWatch {
  close(): Promise<void>;
}

/**
 * Tells this process right after the backend commits a sync step, so a kill can land
 * between two steps that a crash must not tear apart (a CRM record created but its pair
 * not yet recorded, a pair recorded but the cursor not moved). Test instrumentation on the
 * run's own schema: row triggers NOTIFY, and PostgreSQL delivers a notification only when
 * the writing transaction commits. The test's own CRM edits (origin `api`) are not reported.
 */
export async function watchBackendWrites(schema: string, onWrite: (table: string) => void): Promise<WriteWatch> {
  const channel = `chaos_${schema}`;
  const s = quoteIdentifier(schema);
  const setup = new pg.Client({ connectionString: TEST_PG_URL });
  await setup.connect();
  try {
    await setup.query(`CREATE FUNCTION ${s}.chaos_notify_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${channel}', TG_TABLE_NAME); RETURN NULL; END $$`);
    for (const table of WATCHED) {
      const when = table === 'crm_changes' ? `WHEN (NEW.origin <> 'api')` : '';
      await setup.query(`CREATE TRIGGER chaos_notify_write AFTER INSERT OR UPDATE ON ${s}.${quoteIdentifier(table)} FOR EACH ROW ${when} EXECUTE FUNCTION ${s}.chaos_notify_write()`);
    }
  } finally {
    await setup.end();
  }
  const listener = new pg.Client({ connectionString: TEST_PG_URL });
  await listener.connect();
  listener.on('notification', (message) => onWrite(message.payload ?? ''));
  await listener.query(`LISTEN ${quoteIdentifier(channel)}`);
  return { close: () => listener.end() };
}

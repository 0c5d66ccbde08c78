import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { appendChange } from './journal.store';
import { createRecordId } from './record-id';
import type { Viewer } from './viewer';

interface UserRow extends Record<string, unknown> {
  id: string;
  is_admin: boolean;
}

const ORIGIN = 'auth';

/**
 * Maps a signed-in caller to a CRM user, creating one on first sight: the add-in works
 * for every licensed Outlook user without an admin entering them first. Lookup is by the
 * token's subject; a user an admin created with only an e-mail address is claimed by the
 * first sign-in with that address. The CRM's admin flag or the token's admin role makes
 * the caller see everything.
 */
export async function resolveViewer(db: Database, principal: Principal): Promise<Viewer> {
  const tokenAdmin = principal.roles.includes('admin');
  const user = (await findBySubject(db, principal.subject)) ?? (await claimOrCreate(db, principal));
  return { userId: user.id, isAdmin: user.is_admin || tokenAdmin };
}

async function findBySubject(db: Database, subject: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>('SELECT id::text AS id, is_admin FROM crm_users WHERE subject = $1', [subject]);
  return rows[0];
}

async function claimOrCreate(db: Database, principal: Principal): Promise<UserRow> {
  const email = principal.email?.trim().toLowerCase() || null;
  return db.transaction(async (tx) => {
    if (email) {
      const claimed = await tx.query<UserRow & { version: number }>(
        `UPDATE crm_users SET subject = $1, tenant_id = $2, version = version + 1, updated_at = now()
          WHERE email = $3 AND subject IS NULL RETURNING id::text AS id, is_admin, version`,
        [principal.subject, principal.tenantId, email],
      );
      const row = claimed.rows[0];
      if (row) {
        await appendChange(tx, { entityType: 'user', entityId: row.id, operation: 'update', version: row.version, origin: ORIGIN });
        return row;
      }
    }
    const id = createRecordId();
    // The e-mail may already belong to a user with another subject (a re-created account):
    // the new user then goes without it rather than failing the sign-in.
    const inserted = await tx.query<UserRow>(
      `INSERT INTO crm_users (id, tenant_id, subject, email, display_name)
       VALUES ($1, $2, $3, CASE WHEN EXISTS (SELECT 1 FROM crm_users WHERE email = $4) THEN NULL ELSE $4 END, $5)
       ON CONFLICT DO NOTHING RETURNING id::text AS id, is_admin`,
      [id, principal.tenantId, principal.subject, email, principal.name ?? ''],
    );
    const row = inserted.rows[0];
    if (!row) {
      const raced = await findBySubject(tx, principal.subject);
      if (!raced) throw new Error('CRM user could neither be created nor found');
      return raced;
    }
    await appendChange(tx, { entityType: 'user', entityId: row.id, operation: 'create', version: 1, origin: ORIGIN });
    return row;
  });
}

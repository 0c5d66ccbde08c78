import { randomUUID } from 'node:crypto';
import type { AuthFailurePolicy } from '../../../shared/admin/auth-failure-policy.schema';
import { mailboxAccountSchema, type MailboxAccount, type MailboxAccountInput } from '../../../shared/admin/mailbox-account.schema';
import type { ExchangeConnection } from '../exchange/exchange-gateway';
import { HttpError } from '../http/http-error';
import type { SqlClient } from '../sync/sql/sql-client';
import { bool, instant, json, text, textOrNull, type Row } from '../sync/sql/row';
import type { SecretSealer } from './secret-sealer';
import { openAuth, sealAuth, type StoredAuth } from './stored-auth';

function accountOf(row: Row): MailboxAccount {
  const override = json(row, 'auth_override') as StoredAuth | null;
  const secretSet = row['auth_override_secret_sealed'] !== null;
  return mailboxAccountSchema.parse({
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    mailbox: text(row, 'mailbox'),
    serverId: text(row, 'server_id'),
    active: bool(row, 'active'),
    authFailurePolicy: json(row, 'auth_failure_policy'),
    authOverride: override === null ? null : override.method === 'oauth2' ? { ...override, clientSecretSet: secretSet } : { ...override, passwordSet: secretSet },
    deactivatedReason: textOrNull(row, 'deactivated_reason'),
    createdAt: instant(row, 'created_at'),
    updatedAt: instant(row, 'updated_at'),
  });
}

/** B4: CRM user ↔ mailbox ↔ server, with an optional per-account credential override (B3). */
export function createMailboxAccountStore(db: SqlClient, sealer: SecretSealer, now: () => Date) {
  async function findRow(id: string): Promise<Row | undefined> {
    return (await db.query<Row>('SELECT * FROM mailbox_accounts WHERE id = $1', [id])).rows[0];
  }

  async function checkServer(serverId: string): Promise<void> {
    const found = await db.query<Row>('SELECT 1 FROM exchange_servers WHERE id = $1', [serverId]);
    if (found.rows.length === 0) throw new HttpError('validation_failed', 'Unknown Exchange server', [{ path: 'serverId', message: 'no server with this id' }]);
  }

  async function checkMailboxFree(mailbox: string, exceptId: string | null): Promise<void> {
    const found = await db.query<Row>('SELECT id FROM mailbox_accounts WHERE mailbox = $1', [mailbox]);
    const other = found.rows.find((row) => text(row, 'id') !== exceptId);
    if (other) throw new HttpError('conflict', `The mailbox ${mailbox} already has an account`);
  }

  function sealOverride(input: MailboxAccountInput, previous: Row | undefined): { stored: StoredAuth | null; sealed: string | null } {
    if (!input.authOverride) return { stored: null, sealed: null };
    const before = previous && previous['auth_override'] !== null ? { stored: json(previous, 'auth_override') as StoredAuth, sealed: textOrNull(previous, 'auth_override_secret_sealed') } : null;
    const result = sealAuth(input.authOverride, before, sealer);
    if (result.sealed === null) throw new HttpError('validation_failed', 'A credential override needs its secret', [{ path: 'authOverride', message: 'client secret or password is required' }]);
    return result;
  }

  return {
    async list(): Promise<MailboxAccount[]> {
      return (await db.query<Row>('SELECT * FROM mailbox_accounts ORDER BY mailbox')).rows.map(accountOf);
    },
    async get(id: string): Promise<MailboxAccount | null> {
      const row = await findRow(id);
      return row ? accountOf(row) : null;
    },
    async findIdByMailbox(mailbox: string): Promise<string | null> {
      const row = (await db.query<Row>('SELECT id FROM mailbox_accounts WHERE mailbox = $1', [mailbox.toLowerCase()])).rows[0];
      return row ? text(row, 'id') : null;
    },
    async create(input: MailboxAccountInput): Promise<MailboxAccount> {
      await checkServer(input.serverId);
      await checkMailboxFree(input.mailbox, null);
      const override = sealOverride(input, undefined);
      const id = randomUUID();
      await db.query(
        `INSERT INTO mailbox_accounts (id, user_id, mailbox, server_id, active, auth_failure_policy, auth_override, auth_override_secret_sealed, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [id, input.userId, input.mailbox, input.serverId, input.active, JSON.stringify(input.authFailurePolicy), JSON.stringify(override.stored), override.sealed, now().toISOString()],
      );
      return accountOf((await findRow(id)) ?? {});
    },
    /** Reactivating (active: true) also clears the reason the engine deactivated it for. */
    async update(id: string, input: MailboxAccountInput): Promise<MailboxAccount | null> {
      const row = await findRow(id);
      if (!row) return null;
      await checkServer(input.serverId);
      await checkMailboxFree(input.mailbox, id);
      const override = sealOverride(input, row);
      await db.query(
        `UPDATE mailbox_accounts SET user_id = $2, mailbox = $3, server_id = $4, active = $5, auth_failure_policy = $6, auth_override = $7,
           auth_override_secret_sealed = $8, deactivated_reason = CASE WHEN $5 THEN NULL ELSE deactivated_reason END, updated_at = $9 WHERE id = $1`,
        [id, input.userId, input.mailbox, input.serverId, input.active, JSON.stringify(input.authFailurePolicy), JSON.stringify(override.stored), override.sealed, now().toISOString()],
      );
      return accountOf((await findRow(id)) ?? {});
    },
    async remove(id: string): Promise<boolean> {
      return (await db.query<Row>('DELETE FROM mailbox_accounts WHERE id = $1 RETURNING id', [id])).rows.length > 0;
    },
    async deactivate(id: string, reason: string): Promise<void> {
      await db.query('UPDATE mailbox_accounts SET active = false, deactivated_reason = $2, updated_at = $3 WHERE id = $1', [id, reason, now().toISOString()]);
    },
    async listActive(): Promise<Array<{ accountId: string; serverId: string }>> {
      const { rows } = await db.query<Row>('SELECT id, server_id FROM mailbox_accounts WHERE active ORDER BY id');
      return rows.map((row) => ({ accountId: text(row, 'id'), serverId: text(row, 'server_id') }));
    },
    /** The account's own credentials when it overrides the server's, opened for the gateway only. */
    async overrideAuth(id: string): Promise<ExchangeConnection['auth'] | null> {
      const row = await findRow(id);
      if (!row || row['auth_override'] === null) return null;
      return openAuth(json(row, 'auth_override') as StoredAuth, textOrNull(row, 'auth_override_secret_sealed'), sealer);
    },
    async authFailurePolicy(id: string): Promise<AuthFailurePolicy | null> {
      const row = await findRow(id);
      return row ? (accountOf(row).authFailurePolicy ?? null) : null;
    },
  };
}

export type MailboxAccountStore = ReturnType<typeof createMailboxAccountStore>;

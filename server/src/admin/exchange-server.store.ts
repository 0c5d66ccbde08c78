import { randomUUID } from 'node:crypto';
import type { ExchangeAuthOutput, ExchangeServer, ExchangeServerInput } from '../../../shared/admin/exchange-server.schema';
import { exchangeServerSchema } from '../../../shared/admin/exchange-server.schema';
import type { ExchangeConnection } from '../exchange/exchange-gateway';
import type { SqlClient } from '../sync/sql/sql-client';
import { instant, json, text, textOrNull, type Row } from '../sync/sql/row';
import { HttpError } from '../http/http-error';
import type { SecretSealer } from './secret-sealer';
import { openAuth, sealAuth, type StoredAuth } from './stored-auth';

function serverOf(row: Row): ExchangeServer {
  const stored = json(row, 'auth') as StoredAuth;
  const auth: ExchangeAuthOutput =
    stored.method === 'oauth2'
      ? { method: 'oauth2', tenantId: stored.tenantId, clientId: stored.clientId, clientSecretSet: row['auth_secret_sealed'] !== null }
      : { method: 'basic', username: stored.username, passwordSet: row['auth_secret_sealed'] !== null };
  return exchangeServerSchema.parse({
    id: text(row, 'id'),
    name: text(row, 'name'),
    description: text(row, 'description'),
    type: text(row, 'type'),
    ewsUrl: text(row, 'ews_url'),
    graphEndpoint: textOrNull(row, 'graph_endpoint'),
    version: text(row, 'version'),
    alternativeLoginName: textOrNull(row, 'alternative_login_name'),
    auth,
    createdAt: instant(row, 'created_at'),
    updatedAt: instant(row, 'updated_at'),
  });
}

/** B1/B3: Exchange server records; the secret is sealed on the way in and never read back out. */
export function createExchangeServerStore(db: SqlClient, sealer: SecretSealer, now: () => Date) {
  async function findRow(id: string): Promise<Row | undefined> {
    return (await db.query<Row>('SELECT * FROM exchange_servers WHERE id = $1', [id])).rows[0];
  }

  return {
    async list(): Promise<ExchangeServer[]> {
      return (await db.query<Row>('SELECT * FROM exchange_servers ORDER BY name')).rows.map(serverOf);
    },
    async get(id: string): Promise<ExchangeServer | null> {
      const row = await findRow(id);
      return row ? serverOf(row) : null;
    },
    async findIdByName(name: string): Promise<string | null> {
      const row = (await db.query<Row>('SELECT id FROM exchange_servers WHERE name = $1', [name])).rows[0];
      return row ? text(row, 'id') : null;
    },
    async create(input: ExchangeServerInput): Promise<ExchangeServer> {
      const { stored, sealed } = sealAuth(input.auth, null, sealer);
      if (sealed === null) throw new HttpError('validation_failed', 'A new server needs its secret', [{ path: 'auth', message: 'client secret or password is required' }]);
      const id = randomUUID();
      const at = now().toISOString();
      await db.query(
        `INSERT INTO exchange_servers (id, name, description, type, ews_url, graph_endpoint, version, alternative_login_name, auth, auth_secret_sealed, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
        [id, input.name, input.description, input.type, input.ewsUrl, input.graphEndpoint, input.version, input.alternativeLoginName, JSON.stringify(stored), sealed, at],
      );
      return serverOf((await findRow(id)) ?? {});
    },
    /** Full replacement; an omitted secret keeps the stored one when the method stays the same. */
    async update(id: string, input: ExchangeServerInput): Promise<ExchangeServer | null> {
      const row = await findRow(id);
      if (!row) return null;
      const previous = { stored: json(row, 'auth') as StoredAuth, sealed: textOrNull(row, 'auth_secret_sealed') };
      const { stored, sealed } = sealAuth(input.auth, previous, sealer);
      if (sealed === null) throw new HttpError('validation_failed', 'A changed authentication method needs its secret', [{ path: 'auth', message: 'client secret or password is required' }]);
      await db.query(
        `UPDATE exchange_servers SET name = $2, description = $3, type = $4, ews_url = $5, graph_endpoint = $6, version = $7,
           alternative_login_name = $8, auth = $9, auth_secret_sealed = $10, updated_at = $11 WHERE id = $1`,
        [id, input.name, input.description, input.type, input.ewsUrl, input.graphEndpoint, input.version, input.alternativeLoginName, JSON.stringify(stored), sealed, now().toISOString()],
      );
      return serverOf((await findRow(id)) ?? {});
    },
    async remove(id: string): Promise<boolean> {
      const used = await db.query<Row>('SELECT 1 FROM mailbox_accounts WHERE server_id = $1 LIMIT 1', [id]);
      if (used.rows.length > 0) throw new HttpError('conflict', 'The server still has mailbox accounts; move or delete them first');
      return (await db.query<Row>('DELETE FROM exchange_servers WHERE id = $1 RETURNING id', [id])).rows.length > 0;
    },
    /** The server's connection with its secret opened, for the gateway and the connection test only. */
    async connection(id: string): Promise<ExchangeConnection | null> {
      const row = await findRow(id);
      if (!row) return null;
      const auth = openAuth(json(row, 'auth') as StoredAuth, textOrNull(row, 'auth_secret_sealed'), sealer);
      return {
        serverId: id,
        serverType: text(row, 'type') === 'exchange-online' ? 'exchange-online' : 'on-premises',
        ewsUrl: text(row, 'ews_url'),
        version: text(row, 'version'),
        alternativeLoginName: textOrNull(row, 'alternative_login_name'),
        auth,
      };
    },
  };
}

export type ExchangeServerStore = ReturnType<typeof createExchangeServerStore>;

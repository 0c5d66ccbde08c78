import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/db/migrate';
import { DeclarativeConfigError, loadDeclarativeConfigFile, parseDeclarativeConfig } from '../../server/src/admin/declarative-config.service';
import { createExchangeServerStore } from '../../server/src/admin/exchange-server.store';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';
import { fakeSealer } from './support/fake-sealer';

const yamlConfig = `
servers:
  - name: Exchange Online
    type: exchange-online
    ewsUrl: https://outlook.office365.com/EWS/Exchange.asmx
    auth:
      method: oauth2
      tenantId: contoso.onmicrosoft.com
      clientId: 11111111-2222-3333-4444-555555555555
      clientSecret: { fromEnv: TANDEM_TEST_SECRET }
accounts:
  - userId: anna
    mailbox: anna@contoso.example
    server: Exchange Online
rules:
  - description: Contacts for sales
    validity: { scope: group, groupId: sales }
    dataType: contacts
    master: crm
    crmToExchange: { create: true, change: true, delete: true, overwrite: false }
    exchangeToCrm: { create: false, change: true, delete: false, overwrite: false }
    folders: [{ kind: well-known, name: contacts }]
batch:
  intervalMinutes: 10
`;

describe('declarative configuration (TANDEM_CONFIG)', () => {
  let test: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'tandem-config-'));
  const write = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const count = async (table: string): Promise<number> => (await test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? -1;

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    await migrate(test.db);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('provisions servers, accounts, rules and batch settings from YAML, taking secrets from the environment', async () => {
    const path = write('tandem.yaml', yamlConfig);
    const summary = await loadDeclarativeConfigFile(path, test.db, fakeSealer, { TANDEM_TEST_SECRET: 'from-env' });
    expect(summary).toEqual({ servers: { created: 1, updated: 0 }, accounts: { created: 1, updated: 0 }, rules: { created: 1, updated: 0 }, batch: true });
    const servers = createExchangeServerStore(test.db, fakeSealer, () => new Date());
    const [server] = await servers.list();
    expect((await servers.connection(server?.id ?? ''))?.auth).toMatchObject({ clientSecret: 'from-env' });
  });

  it('changes nothing when the same file is loaded again', async () => {
    const path = write('again.yaml', yamlConfig);
    const summary = await loadDeclarativeConfigFile(path, test.db, fakeSealer, { TANDEM_TEST_SECRET: 'from-env' });
    expect(summary.servers).toEqual({ created: 0, updated: 1 });
    expect([await count('exchange_servers'), await count('mailbox_accounts'), await count('sync_rules')]).toEqual([1, 1, 1]);
  });

  it('reads JSON files as well', () => {
    const parsed = parseDeclarativeConfig(JSON.stringify({ batch: { intervalMinutes: 30 } }), {});
    expect(parsed.batch?.intervalMinutes).toBe(30);
    expect(parsed.servers).toEqual([]);
  });

  it('names every invalid entry with its path and applies nothing', () => {
    const bad = yamlConfig.replace('master: crm', 'master: nobody').replace('type: exchange-online', 'type: cloud');
    expect(() => parseDeclarativeConfig(bad, { TANDEM_TEST_SECRET: 'x' })).toThrow(/servers\.0\.type[\s\S]*rules\.0\.master/);
  });

  it('says which environment variable is missing', () => {
    expect(() => parseDeclarativeConfig(yamlConfig, {})).toThrow(new DeclarativeConfigError('servers.0.auth.clientSecret: environment variable TANDEM_TEST_SECRET is not set'));
  });

  it('rolls the whole file back when an entry cannot be applied', async () => {
    const broken = yamlConfig.replace('- name: Exchange Online', '- name: Second server').replace('server: Exchange Online', 'server: Missing');
    const path = write('broken.yaml', broken);
    await expect(loadDeclarativeConfigFile(path, test.db, fakeSealer, { TANDEM_TEST_SECRET: 'x' })).rejects.toThrow('no server named "Missing"');
    expect(await count('exchange_servers')).toBe(1);
  });

  it('reports a file that cannot be read', async () => {
    await expect(loadDeclarativeConfigFile(join(dir, 'nope.yaml'), test.db, fakeSealer, {})).rejects.toThrow(/cannot be read/);
  });
});

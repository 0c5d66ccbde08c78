import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { syncRuleInputSchema, type SyncRule, type SyncRuleInput } from '../../../shared/admin/sync-rule.schema';
import { startSandbox, type ItemInfo, type Sandbox } from '../../../sandbox/index';
import { createCrmStore, type CrmStore } from '../../../server/src/crm/crm-store';
import type { WriteContext } from '../../../server/src/crm/viewer';
import { migrate } from '../../../server/src/db/migrate';
import { SecretBox } from '../../../server/src/secrets/secret-box';
import { createCrmSyncAdapter } from '../../../server/src/sync/crm-adapter/crm-sync.adapter';
import { createSyncModule, type SyncModule } from '../../../server/src/sync/sync-module';
import { openTestDatabase, type TestDatabase } from '../../support/test-databases';

const everything = { create: true, change: true, delete: true, overwrite: false };

export interface StackUser {
  readonly mailbox: string;
  readonly userId: string;
  readonly accountId: string;
  /** Writes as this CRM user (a CRM edit, not the sync). */
  readonly api: WriteContext;
}

/**
 * The real chain for end-to-end sync tests: CRM store and SQL sync state on PGlite, the
 * EWS adapter over HTTPS, the sandbox. Each user gets a mailbox, an account and rules
 * valid for that user only, so one file can try several rule options side by side.
 */
export interface SandboxSyncStack {
  readonly sandbox: Sandbox;
  readonly crm: CrmStore;
  readonly sync: SyncModule;
  readonly test: TestDatabase;
  readonly system: WriteContext;
  addUser(mailbox: string): Promise<StackUser>;
  addRule(user: StackUser, rule: RuleSpec): Promise<SyncRule>;
  /** Changes a rule's options as an admin would in the console. */
  updateRuleOptions(rule: SyncRule, options: Partial<SyncRuleInput['options']>): Promise<SyncRule>;
  close(): Promise<void>;
}

/** A rule for one user: the data type, and whatever differs from "everything, CRM master, HTML". */
export type RuleSpec = Partial<Omit<SyncRuleInput, 'options'>> & Pick<SyncRuleInput, 'dataType'> & { readonly options?: Partial<SyncRuleInput['options']> };

export function stampOf(item: ItemInfo): string | undefined {
  return item.extended.find((property) => property.values[0])?.values[0];
}

export async function openSandboxSyncStack(): Promise<SandboxSyncStack> {
  const sandbox = await startSandbox();
  const test = await openTestDatabase('pglite');
  await migrate(test.db);
  const crm = createCrmStore(test.db);
  const system: WriteContext = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true, origin: 'api' };
  const sync = createSyncModule({
    db: test.db,
    sealer: new SecretBox(randomBytes(32)),
    crm: createCrmSyncAdapter(crm, { timeZone: 'Europe/Berlin' }),
    logger: pino({ level: 'silent' }),
    defaultTimeZone: 'Europe/Berlin',
    caCertPem: sandbox.caCertPem,
  });
  const server = await sync.stores.servers.create({
    name: 'Sandbox',
    description: '',
    type: 'on-premises',
    ewsUrl: sandbox.ewsUrl,
    graphEndpoint: null,
    version: 'Exchange2016',
    alternativeLoginName: null,
    auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password },
  });

  return {
    sandbox,
    crm,
    sync,
    test,
    system,
    async addUser(mailbox) {
      sandbox.control.addMailbox({ smtpAddress: mailbox });
      sandbox.control.grantImpersonation(mailbox);
      const user = await crm.users.create(system, { email: mailbox, displayName: mailbox, isAdmin: false });
      const account = await sync.stores.accounts.create({ userId: user.id, mailbox, serverId: server.id, active: true, authFailurePolicy: null, authOverride: null });
      return { mailbox, userId: user.id, accountId: account.id, api: { userId: user.id, isAdmin: false, origin: 'api' } };
    },
    async addRule(user, rule) {
      const defaultFolder = { contacts: 'contacts', appointments: 'calendar', tasks: 'tasks' } as const;
      const input = syncRuleInputSchema.parse({
        description: `${rule.dataType} of ${user.mailbox}`,
        active: true,
        master: 'crm',
        crmToExchange: everything,
        exchangeToCrm: everything,
        folders: [{ kind: 'well-known', name: defaultFolder[rule.dataType] }],
        includeSubfolders: false,
        newItemsFolder: null,
        crmFilter: [],
        ...rule,
        validity: { scope: 'user', userId: user.userId },
        options: { bodyFormat: 'html', ...rule.options },
      });
      return sync.stores.rules.create(input);
    },
    async updateRuleOptions(rule, options) {
      const { id, createdAt: _created, updatedAt: _updated, ...input } = rule;
      const updated = await sync.stores.rules.update(id, syncRuleInputSchema.parse({ ...input, options: { ...input.options, ...options } }));
      if (!updated) throw new Error(`no rule ${id}`);
      return updated;
    },
    async close() {
      await sandbox.close();
      await test.dispose();
    },
  };
}

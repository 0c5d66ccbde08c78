import { pino } from 'pino';
import { syncRuleInputSchema, type SyncRule, type SyncRuleInput } from '../../../shared/admin/sync-rule.schema';
import { createMailboxSync, type MailboxRunOutcome, type MailboxSync } from '../../../server/src/sync/mailbox-sync.service';
import type { SyncStateStore } from '../../../server/src/sync/sync-state.port';
import type { SyncLogStore } from '../../../server/src/sync/sync-log.port';
import type { MailboxStatusStore } from '../../../server/src/sync/sync-config.port';
import type { ExchangeConnection, ExchangeGateway } from '../../../server/src/exchange/exchange-gateway';
import type { CrmSyncPort } from '../../../server/src/sync/crm-sync.port';
import { FakeCrm } from './fake-crm.port';
import { FakeExchange } from './fake-exchange.gateway';
import { MemoryConfig, MemoryLogStore, MemoryStateStore, MemoryStatusStore } from './memory-stores';

const connection: ExchangeConnection = {
  serverId: 'srv',
  serverType: 'on-premises',
  ewsUrl: 'https://exchange.test/EWS/Exchange.asmx',
  version: 'Exchange2016',
  alternativeLoginName: null,
  auth: { method: 'basic', username: 'svc', password: 'pw' },
};

const everything = { create: true, change: true, delete: true, overwrite: false };

/** A controllable clock starting at a fixed instant. */
export class FakeClock {
  constructor(private current = new Date('2026-11-02T08:00:00Z')) {}
  now = (): Date => new Date(this.current);
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** The engine wired to fakes of every port, with one account per user. */
export class SyncHarness<S extends SyncStateStore = MemoryStateStore, L extends SyncLogStore = MemoryLogStore, T extends MailboxStatusStore = MemoryStatusStore> {
  readonly clock = new FakeClock();
  readonly exchange = new FakeExchange(this.clock.now);
  readonly crm = new FakeCrm(this.clock.now);
  readonly config = new MemoryConfig();
  engine: MailboxSync;
  private ruleCount = 0;

  constructor(
    readonly state: S = new MemoryStateStore() as unknown as S,
    readonly log: L = new MemoryLogStore() as unknown as L,
    readonly statuses: T = new MemoryStatusStore() as unknown as T,
  ) {
    this.engine = this.startEngine({ state, log, statuses, crm: this.crm, exchange: this.exchange });
  }

  /** A new engine over the same persisted state, as after a backend restart; the wrappers may inject crashes. */
  startEngine(parts: { state: SyncStateStore; log: SyncLogStore; statuses: MailboxStatusStore; crm: CrmSyncPort; exchange: ExchangeGateway }): MailboxSync {
    this.engine = createMailboxSync({
      config: this.config,
      crm: parts.crm,
      state: parts.state,
      log: parts.log,
      statuses: parts.statuses,
      gatewayFor: () => parts.exchange,
      logger: pino({ level: 'silent' }),
      now: this.clock.now,
      random: () => 0.5,
      options: { pageSize: 5, journalPageSize: 7, writeBatchSize: 3 },
    });
    return this.engine;
  }

  addAccount(userId: string, groupIds: string[] = []): { accountId: string; mailbox: string } {
    const mailbox = `${userId}@example.test`;
    const accountId = `acc-${userId}`;
    this.exchange.addMailbox(mailbox);
    this.crm.groups.set(userId, groupIds);
    this.config.accounts.set(accountId, { id: accountId, userId, mailbox, active: true, serverId: 'srv', authFailurePolicy: null, connection });
    return { accountId, mailbox };
  }

  addRule(input: Partial<SyncRuleInput> & Pick<SyncRuleInput, 'dataType'>): SyncRule {
    this.ruleCount += 1;
    const defaultFolder = { contacts: 'contacts', appointments: 'calendar', tasks: 'tasks' } as const;
    const parsed = syncRuleInputSchema.parse({
      description: `rule ${this.ruleCount}`,
      validity: { scope: 'all' },
      master: 'crm',
      crmToExchange: everything,
      exchangeToCrm: everything,
      folders: [{ kind: 'well-known', name: defaultFolder[input.dataType] }],
      ...input,
      // Plain-text bodies unless a test asks for HTML: most tests compare CRM and Exchange values verbatim.
      options: { bodyFormat: 'text', ...input.options },
    });
    const now = this.clock.now().toISOString();
    const rule: SyncRule = { ...parsed, id: `rule-${this.ruleCount}`, createdAt: now, updatedAt: now };
    this.config.rules.push(rule);
    this.clock.advanceMinutes(1);
    return rule;
  }

  async run(accountId: string, force = false): Promise<MailboxRunOutcome> {
    const outcome = await this.engine.syncMailbox(accountId, force);
    this.clock.advanceMinutes(1);
    return outcome;
  }
}

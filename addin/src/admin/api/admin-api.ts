import type { z } from 'zod';
import type { BatchSettingsInput, batchSettingsSchema } from '../../../../shared/admin/batch-settings.schema';
import type { discoverUrlResultSchema, ExchangeServer, ExchangeServerInput, testConnectionResultSchema } from '../../../../shared/admin/exchange-server.schema';
import type { MailboxAccount, MailboxAccountInput } from '../../../../shared/admin/mailbox-account.schema';
import type { SyncRule, SyncRuleInput } from '../../../../shared/admin/sync-rule.schema';
import type { exchangeFolderSchema, MailboxStatusView, runNowResultSchema, syncLogEntrySchema, syncRunSchema } from '../../../../shared/admin/sync-status.schema';
import type { CrmGroup, CrmUser } from '../../../../shared/crm/user.schema';
import { createAdminRequest, type AdminHttpOptions } from './admin-http';

export type { BatchSettingsInput, ExchangeServer, ExchangeServerInput, MailboxAccount, MailboxAccountInput, SyncRule, SyncRuleInput, MailboxStatusView, CrmGroup, CrmUser };
export type BatchSettingsView = z.infer<typeof batchSettingsSchema>;
export type DiscoverResult = z.infer<typeof discoverUrlResultSchema>;
export type TestConnectionResult = z.infer<typeof testConnectionResultSchema>;
export type TestAndEnableResult = TestConnectionResult & { readonly account: MailboxAccount };
export type ExchangeFolder = z.infer<typeof exchangeFolderSchema>;
export type RunNowResult = z.infer<typeof runNowResultSchema>;
export type RuleRun = RunNowResult & { readonly accountId: string; readonly mailbox: string };
export type SyncRun = z.infer<typeof syncRunSchema>;
export type SyncLogEntry = z.infer<typeof syncLogEntrySchema>;

/** "Discover URL" before the server is saved: the form's credentials travel once and are not stored. */
export interface DraftDiscoverRequest {
  readonly email: string;
  readonly ewsUrl?: string;
  readonly alternativeLoginName: string | null;
  readonly auth: { readonly method: 'basic'; readonly username: string; readonly password: string } | { readonly method: 'oauth2'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string };
}

/** Everything the admin console asks the backend; the one place that knows the admin routes. */
export interface AdminApi {
  listServers(): Promise<ExchangeServer[]>;
  createServer(input: ExchangeServerInput): Promise<ExchangeServer>;
  updateServer(id: string, input: ExchangeServerInput): Promise<ExchangeServer>;
  deleteServer(id: string): Promise<void>;
  testConnection(serverId: string, mailbox?: string): Promise<TestConnectionResult>;
  discoverUrl(serverId: string, email: string): Promise<DiscoverResult>;
  discoverUrlForDraft(request: DraftDiscoverRequest): Promise<DiscoverResult>;
  listAccounts(): Promise<MailboxAccount[]>;
  createAccount(input: MailboxAccountInput): Promise<MailboxAccount>;
  updateAccount(id: string, input: MailboxAccountInput): Promise<MailboxAccount>;
  deleteAccount(id: string): Promise<void>;
  /** One real impersonated call with the credentials the sync uses; activates the account when it works. */
  testAndEnable(accountId: string): Promise<TestAndEnableResult>;
  listFolders(accountId: string): Promise<ExchangeFolder[]>;
  listRuns(accountId: string): Promise<SyncRun[]>;
  runNow(accountId: string): Promise<RunNowResult>;
  resetAccount(accountId: string): Promise<{ foldersReset: number }>;
  listStatuses(): Promise<MailboxStatusView[]>;
  listRunLog(runId: string): Promise<SyncLogEntry[]>;
  listRules(): Promise<SyncRule[]>;
  createRule(input: SyncRuleInput): Promise<SyncRule>;
  updateRule(id: string, input: SyncRuleInput): Promise<SyncRule>;
  deleteRule(id: string): Promise<void>;
  /** Syncs now every active mailbox the rule governs; the server applies the rules' precedence. */
  runRule(id: string): Promise<{ runs: RuleRun[] }>;
  getBatch(): Promise<BatchSettingsView>;
  saveBatch(input: BatchSettingsInput): Promise<BatchSettingsView>;
  listUsers(): Promise<CrmUser[]>;
  listGroups(): Promise<CrmGroup[]>;
}

const id = (value: string) => encodeURIComponent(value);

export function createAdminApi(options: AdminHttpOptions): AdminApi {
  const call = createAdminRequest(options);
  return {
    listServers: () => call('GET', '/admin/exchange-servers'),
    createServer: (input) => call('POST', '/admin/exchange-servers', input),
    updateServer: (serverId, input) => call('PUT', `/admin/exchange-servers/${id(serverId)}`, input),
    deleteServer: (serverId) => call('DELETE', `/admin/exchange-servers/${id(serverId)}`),
    testConnection: (serverId, mailbox) => call('POST', `/admin/exchange-servers/${id(serverId)}/test-connection`, mailbox ? { mailbox } : {}),
    discoverUrl: (serverId, email) => call('POST', `/admin/exchange-servers/${id(serverId)}/discover-url`, { email }),
    discoverUrlForDraft: (request) => call('POST', '/admin/exchange-servers/discover-url', request),
    listAccounts: () => call('GET', '/admin/mailbox-accounts'),
    createAccount: (input) => call('POST', '/admin/mailbox-accounts', input),
    updateAccount: (accountId, input) => call('PUT', `/admin/mailbox-accounts/${id(accountId)}`, input),
    deleteAccount: (accountId) => call('DELETE', `/admin/mailbox-accounts/${id(accountId)}`),
    testAndEnable: (accountId) => call('POST', `/admin/mailbox-accounts/${id(accountId)}/test-and-enable`),
    listFolders: (accountId) => call('GET', `/admin/mailbox-accounts/${id(accountId)}/folders`),
    listRuns: (accountId) => call('GET', `/admin/mailbox-accounts/${id(accountId)}/runs?limit=50`),
    runNow: (accountId) => call('POST', `/admin/mailbox-accounts/${id(accountId)}/run-now`),
    resetAccount: (accountId) => call('POST', `/admin/mailbox-accounts/${id(accountId)}/reset`),
    listStatuses: () => call('GET', '/admin/sync/status'),
    listRunLog: (runId) => call('GET', `/admin/sync/runs/${id(runId)}/log`),
    listRules: () => call('GET', '/admin/sync-rules'),
    createRule: (input) => call('POST', '/admin/sync-rules', input),
    updateRule: (ruleId, input) => call('PUT', `/admin/sync-rules/${id(ruleId)}`, input),
    deleteRule: (ruleId) => call('DELETE', `/admin/sync-rules/${id(ruleId)}`),
    runRule: (ruleId) => call('POST', `/admin/sync-rules/${id(ruleId)}/run-now`),
    getBatch: () => call('GET', '/admin/sync/batch'),
    saveBatch: (input) => call('PUT', '/admin/sync/batch', input),
    listUsers: async () => (await call<{ items: CrmUser[] }>('GET', '/crm/users?limit=200')).items,
    listGroups: async () => (await call<{ items: CrmGroup[] }>('GET', '/crm/groups?limit=200')).items,
  };
}

import { describe, expect, it } from 'vitest';
import { exchangeServerInputSchema, exchangeServerSchema } from '../../shared/admin/exchange-server.schema';
import { mailboxAccountInputSchema } from '../../shared/admin/mailbox-account.schema';
import { syncRuleInputSchema } from '../../shared/admin/sync-rule.schema';
import { batchSettingsInputSchema } from '../../shared/admin/batch-settings.schema';

const rule = {
  description: 'Contacts for sales',
  validity: { scope: 'group', groupId: 'sales' },
  dataType: 'contacts',
  master: 'crm',
  crmToExchange: { create: true, change: true, delete: true, overwrite: false },
  exchangeToCrm: { create: true, change: true, delete: false, overwrite: false },
  folders: [{ kind: 'well-known', name: 'contacts' }],
};

describe('admin schemas', () => {
  it('accepts a server with OAuth2 credentials and fills the defaults', () => {
    const parsed = exchangeServerInputSchema.parse({
      name: 'Online',
      type: 'exchange-online',
      ewsUrl: 'https://outlook.office365.com/EWS/Exchange.asmx',
      auth: { method: 'oauth2', tenantId: 't', clientId: 'c', clientSecret: 's3cret' },
    });
    expect(parsed).toMatchObject({ description: '', version: 'Exchange2013_SP1', graphEndpoint: null, alternativeLoginName: null });
  });

  it('refuses unknown fields, a non-http URL and an unknown version', () => {
    const result = exchangeServerInputSchema.safeParse({
      name: 'x',
      type: 'on-premises',
      ewsUrl: 'ftp://host/EWS',
      version: 'Exchange2003',
      auth: { method: 'basic', username: 'svc' },
      colour: 'blue',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.') || issue.code) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['ewsUrl', 'version']));
  });

  it('never lets a secret through the output schema', () => {
    const output = {
      id: '1',
      name: 'x',
      description: '',
      type: 'on-premises',
      ewsUrl: 'https://ex/EWS/Exchange.asmx',
      graphEndpoint: null,
      version: 'Exchange2016',
      alternativeLoginName: null,
      auth: { method: 'basic', username: 'svc', passwordSet: true, password: 'leak' },
      createdAt: 'now',
      updatedAt: 'now',
    };
    expect(exchangeServerSchema.safeParse(output).success).toBe(false);
  });

  it('lower-cases the mailbox address of an account', () => {
    expect(mailboxAccountInputSchema.parse({ userId: 'u', mailbox: 'Anna@Example.COM', serverId: 's' }).mailbox).toBe('anna@example.com');
  });

  it('accepts a rule and defaults its B7 options to "only changes after the rule was created"', () => {
    const parsed = syncRuleInputSchema.parse(rule);
    expect(parsed.options).toEqual({
      bodyFormat: 'html',
      oneWayInfoTexts: false,
      keepExchangeText: false,
      templateCompanyId: null,
      companySalutation: null,
      initialImportSince: null,
      deleteProtection: null,
    });
    expect(parsed.includeSubfolders).toBe(false);
  });

  it('refuses folder ids in a rule valid for a group, because ids belong to one mailbox', () => {
    const result = syncRuleInputSchema.safeParse({ ...rule, folders: [{ kind: 'id', id: 'AAMk' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['folders']);
  });

  it('accepts folder ids in a rule valid for one user', () => {
    const result = syncRuleInputSchema.safeParse({ ...rule, validity: { scope: 'user', userId: 'anna' }, folders: [{ kind: 'id', id: 'AAMk' }] });
    expect(result.success).toBe(true);
  });

  it('refuses contradicting text options', () => {
    const result = syncRuleInputSchema.safeParse({ ...rule, options: { oneWayInfoTexts: true, keepExchangeText: true } });
    expect(result.success).toBe(false);
  });

  it('refuses a data type it does not know', () => {
    expect(syncRuleInputSchema.safeParse({ ...rule, dataType: 'notes' }).success).toBe(false);
  });

  it('defaults the batch settings to a 15-minute interval with the delayed 401 policy', () => {
    expect(batchSettingsInputSchema.parse({})).toMatchObject({
      intervalMinutes: 15,
      active: true,
      startAutomatically: true,
      authFailurePolicy: { mode: 'delayed', firstDelayMinutes: 5, maxAttempts: 4 },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { createAccountMailSource } from '../../../server/src/mail-filing/account-mail-source';
import { MailFilingRefusedError } from '../../../server/src/mail-filing/mail-filing.service';
import type { AccountForSync } from '../../../server/src/sync/sync-config.port';

const MAILBOX = 'filing.user@contoso.example';

function accountOn(sandbox: Sandbox, active: boolean): AccountForSync {
  return {
    id: 'acc-1',
    userId: 'user-1',
    mailbox: MAILBOX,
    active,
    serverId: 'srv-1',
    authFailurePolicy: null,
    connection: {
      serverId: 'srv-1',
      serverType: 'on-premises',
      ewsUrl: sandbox.ewsUrl,
      version: 'Exchange2016',
      alternativeLoginName: null,
      auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password },
    },
  };
}

describe('reading a mail to file through the mailbox account the admin configured', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'none' });
    sandbox.control.addMailbox({ smtpAddress: MAILBOX });
    sandbox.control.grantImpersonation(MAILBOX);
  });
  afterAll(() => sandbox.close());

  it('reads the message from the configured server, impersonating the mailbox', async () => {
    const item = sandbox.control.createItem(MAILBOX, { kind: 'Message', folder: 'inbox', fields: { Subject: 'Offer 4711', InternetMessageId: '<offer-4711@contoso.example>' } });
    const source = createAccountMailSource({ findAccount: async () => accountOn(sandbox, true), caCertPem: sandbox.caCertPem });
    const fetched = await source.fetchMessage(MAILBOX, item.id);
    expect(fetched.mail.subject).toBe('Offer 4711');
    expect(fetched.isDraft).toBe(false);
  });

  it('refuses a mailbox without an account, and one whose account is switched off', async () => {
    const none = createAccountMailSource({ findAccount: async () => null });
    await expect(none.fetchMessage(MAILBOX, 'any')).rejects.toBeInstanceOf(MailFilingRefusedError);
    const inactive = createAccountMailSource({ findAccount: async () => accountOn(sandbox, false), caCertPem: sandbox.caCertPem });
    await expect(inactive.fetchMessage(MAILBOX, 'any')).rejects.toThrow(/No active mailbox account/);
  });
});

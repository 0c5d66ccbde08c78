import type { Mailbox } from '../store/store-types';

/** What Autodiscover tells a client about a mailbox; values follow Exchange Online's. */
export function userSettings(mailbox: Mailbox, ewsUrl: string, deploymentId: string): Record<string, string> {
  const alias = mailbox.smtpAddress.split('@')[0] ?? mailbox.smtpAddress;
  return {
    UserDisplayName: mailbox.displayName,
    UserDN: `/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=${alias}`,
    UserDeploymentId: deploymentId,
    AutoDiscoverSMTPAddress: mailbox.smtpAddress,
    InternalMailboxServer: 'sandbox.contoso.example',
    MailboxDN: `/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=sandbox/cn=Mailbox Database`,
    ActiveDirectoryServer: 'sandbox.contoso.example',
    CasVersion: '15.20.8.0',
    EwsSupportedSchemas: 'Exchange2007, Exchange2007_SP1, Exchange2010, Exchange2010_SP1, Exchange2010_SP2, Exchange2013, Exchange2013_SP1, Exchange2015, Exchange2016',
    InternalEwsUrl: ewsUrl,
    ExternalEwsUrl: ewsUrl,
    ExternalEwsVersion: '15.20.0008.000',
  };
}

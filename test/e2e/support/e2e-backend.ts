import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import pino from 'pino';
import { createLocalJWKSet } from 'jose';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { createApp } from '../../../server/src/app/create-app';
import { createLocalIssuer } from '../../../server/src/auth/local-issuer';
import { createTokenVerifier } from '../../../server/src/auth/token-verifier';
import { createCrmStore, type CrmStore } from '../../../server/src/crm/crm-store';
import { migrate } from '../../../server/src/db/migrate';
import { EwsClient } from '../../../server/src/exchange/ews/ews-client';
import { crmRoutes } from '../../../server/src/http/routes/crm.routes';
import { linkRoutes } from '../../../server/src/http/routes/links.routes';
import { mailFilingRoutes } from '../../../server/src/http/routes/mail-filing.routes';
import { createEwsMailSource } from '../../../server/src/mail-filing/ews-mail-source';
import { createMailFilingService } from '../../../server/src/mail-filing/mail-filing.service';
import { createMetrics } from '../../../server/src/observability/metrics';
import { companyCreateSchema } from '../../../shared/crm/company.schema';
import { contactCreateSchema } from '../../../shared/crm/contact.schema';
import { offerCreateSchema, projectCreateSchema } from '../../../shared/crm/deal.schema';
import { openTestDatabase } from '../../support/test-databases';
import { renderFakeOffice, type E2eScenario } from './fake-office';

export const USER = { email: 'anna.schmidt@contoso.example', name: 'Anna Schmidt' };
export const MAIL_MESSAGE_ID = '<angebot-4711@nordlicht.example>';

export interface E2eBackend {
  readonly url: string;
  readonly crm: CrmStore;
  readonly sandbox: Sandbox;
  readonly records: { companyId: string; contactId: string; projectId: string; offerId: string };
  readonly mailItemId: string;
  close(): Promise<void>;
}

const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';

function seedMail(sandbox: Sandbox): string {
  sandbox.control.addMailbox({ smtpAddress: USER.email, displayName: USER.name });
  sandbox.control.grantImpersonation(USER.email);
  const itemXml =
    `<t:Message xmlns:t="${TYPES_NS}"><t:Subject>Angebot Wartung 2027</t:Subject>` +
    `<t:Body BodyType="HTML">&lt;p&gt;Guten Tag, anbei unser Angebot.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</t:Body>` +
    `<t:ToRecipients><t:Mailbox><t:Name>${USER.name}</t:Name><t:EmailAddress>${USER.email}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:ToRecipients>` +
    `<t:From><t:Mailbox><t:Name>Sabine Groß</t:Name><t:EmailAddress>sabine.gross@nordlicht.example</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:From>` +
    `<t:InternetMessageId>${MAIL_MESSAGE_ID.replace('<', '&lt;').replace('>', '&gt;')}</t:InternetMessageId></t:Message>`;
  return sandbox.control.createItem(USER.email, { kind: 'Message', folder: 'inbox', itemXml }).id;
}

async function seedCrm(crm: CrmStore) {
  const admin = { ...(await crm.resolveViewer({ subject: 'seed-admin', tenantId: 'e2e', roles: ['user', 'admin'] })), origin: 'api' };
  const company = await crm.companies.create(admin, companyCreateSchema.parse({ name: 'Nordlicht GmbH', domains: ['nordlicht.example'] }));
  const contact = await crm.contacts.create(admin, contactCreateSchema.parse({ firstName: 'Sabine', lastName: 'Groß', companyId: company.id, emails: ['sabine.gross@nordlicht.example'] }));
  const project = await crm.projects.create(admin, projectCreateSchema.parse({ title: 'Wartung Leitstand', companyId: company.id }));
  const offer = await crm.offers.create(admin, offerCreateSchema.parse({ title: 'Wartungsvertrag 2027', companyId: company.id, projectId: project.id, amount: 12000, currency: 'EUR' }));
  return { companyId: company.id, contactId: contact.id, projectId: project.id, offerId: offer.id };
}

/**
 * The backend as `npm start` composes it (the lead's createApp and route groups, the
 * local issuer), plus the filing route on the Exchange sandbox, plus a host page that
 * serves the BUILT pane with a fake Office.js instead of Microsoft's.
 */
export async function startE2eBackend(scenarios: (ids: { mailItemId: string }) => Record<string, E2eScenario>): Promise<E2eBackend> {
  const logger = pino({ level: 'silent' });
  const sandbox = await startSandbox({ seed: 'none' });
  const mailItemId = seedMail(sandbox);
  const database = await openTestDatabase('pglite');
  await migrate(database.db);
  const crm = createCrmStore(database.db);
  const records = await seedCrm(crm);

  const issuerPath = '/auth/local';
  const localIssuer = await createLocalIssuer({ issuer: 'http://127.0.0.1/auth/local', audience: 'tandem-e2e', tenantId: 'e2e', adminRole: 'Tandem.Admin' });
  const verifyToken = createTokenVerifier({ issuer: localIssuer.issuer, audiences: ['tandem-e2e'], tenantIds: ['e2e'], adminRole: 'Tandem.Admin', keys: createLocalJWKSet(localIssuer.jwks) });
  const ews = EwsClient.create({ url: sandbox.ewsUrl, credentials: { kind: 'basic', username: sandbox.basic.user, password: sandbox.basic.password }, caCertPem: sandbox.caCertPem });
  const filing = createMailFilingService({ crm, mailSource: createEwsMailSource(ews) });
  const distDir = join(process.cwd(), 'dist', 'addin');
  const app = createApp({
    logger,
    metrics: createMetrics(),
    verifyToken,
    localIssuer,
    checkReady: async () => undefined,
    routeGroups: [
      { prefix: '/api/crm', routes: crmRoutes({ crm }) },
      { prefix: '/api/links', routes: linkRoutes({ crm }) },
      { prefix: '/api/mails', routes: mailFilingRoutes({ crm, filing }) },
    ],
    publicConfig: { auth: { mode: 'local' }, crmRecordUrl: 'https://crm.example.com/{type}/{id}' },
    bodyLimit: '1mb',
    version: 'e2e',
    addinDir: distDir,
  });

  const outer = express();
  const builtPane = readFileSync(join(distDir, 'taskpane.html'), 'utf8');
  outer.get('/e2e-host.html', (_req, res) => {
    res.type('html').send(builtPane.replace('https://appsforoffice.microsoft.com/lib/1/hosted/office.js', './e2e-fake-office.js'));
  });
  outer.get('/e2e-fake-office.js', (_req, res) => {
    res.type('js').send(renderFakeOffice(scenarios({ mailItemId }), { tokenUrl: `${issuerPath}/token`, user: USER }));
  });
  outer.use(app);

  const server = outer.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    crm,
    sandbox,
    records,
    mailItemId,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await sandbox.close();
      await database.dispose();
    },
  };
}

import express, { type Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPrincipal } from '../../../server/src/auth/principal';
import { errorMiddleware } from '../../../server/src/http/error-middleware';
import { mountRoutes } from '../../../server/src/http/route-spec';
import { linkRoutes } from '../../../server/src/http/routes/links.routes';
import { mailFilingRoutes } from '../../../server/src/http/routes/mail-filing.routes';
import { createMailFilingService } from '../../../server/src/mail-filing/mail-filing.service';
import { MailNotFoundError, type FetchedMail, type MailSource } from '../../../server/src/mail-filing/mail-source.port';
import { companyCreateSchema } from '../../../shared/crm/company.schema';
import { countRows, openCrmTestContext, type CrmTestContext } from '../crm/crm-test-context';
import { userPrincipal } from '../crm/crm-test-app';

const mailbox = 'anna@tandem.test';

function fetchedMail(overrides: Partial<FetchedMail['mail']> = {}, isDraft = false): FetchedMail {
  return {
    isDraft,
    mail: {
      internetMessageId: '<offer-42@kunde.example>',
      conversationId: 'conv-1',
      subject: 'Angebot 42',
      from: { email: 'max@kunde.example', name: 'Max Muster' },
      to: [{ email: mailbox }],
      cc: [],
      sentAt: '2026-11-24T10:00:00Z',
      receivedAt: '2026-11-24T10:00:05Z',
      bodyType: 'html',
      body: '<p>Hallo <b>Anna</b></p><script>steal()</script><img src="x" onerror="steal()">',
      attachments: [{ name: 'angebot.pdf', contentType: 'application/pdf', size: 52_000, isInline: false }],
      ...overrides,
    },
  };
}

/** A mailbox holding the given items; anything else is not found, like GetItem. */
function fakeMailSource(items: Record<string, FetchedMail>): MailSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetchMessage(box, itemId) {
      calls.push(`${box}/${itemId}`);
      const item = items[itemId];
      if (!item) throw new MailNotFoundError();
      return item;
    },
  };
}

describe('POST /api/mails/file', () => {
  let ctx: CrmTestContext;
  let app: Express;
  let companyId: string;
  const source = fakeMailSource({ 'AAMk-1=': fetchedMail(), 'AAMk-draft=': fetchedMail({ internetMessageId: '<draft@x>' }, true) });

  beforeAll(async () => {
    ctx = await openCrmTestContext('pglite');
    companyId = (await ctx.store.companies.create(ctx.admin, companyCreateSchema.parse({ name: 'Acme GmbH' }))).id;
    const filing = createMailFilingService({ crm: ctx.store, mailSource: source });
    app = express();
    app.use(express.json());
    app.use((_req, res, next) => {
      setPrincipal(res, userPrincipal('anna'));
      next();
    });
    app.use('/api/mails', mountRoutes(mailFilingRoutes({ crm: ctx.store, filing })));
    app.use('/api/links', mountRoutes(linkRoutes({ crm: ctx.store })));
    app.use(errorMiddleware);
  });

  afterAll(async () => {
    await ctx.dispose();
  });

  it('files a mail of the caller’s mailbox with a sanitised body and links it to the chosen records', async () => {
    const res = await request(app).post('/api/mails/file').send({ mailbox, ewsId: 'AAMk-1=', records: [{ type: 'company', id: companyId }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ internetMessageId: '<offer-42@kunde.example>', created: true });
    expect(source.calls).toContain(`${mailbox}/AAMk-1=`);

    const { rows } = await ctx.db.query<{ body: string; attachments: unknown }>('SELECT body, attachments FROM crm_mails');
    expect(rows[0]?.body).toContain('<b>Anna</b>');
    expect(rows[0]?.body).not.toMatch(/script|onerror/);
    expect(rows[0]?.attachments).toEqual([{ name: 'angebot.pdf', contentType: 'application/pdf', size: 52_000, isInline: false }]);

    const links = await request(app).get('/api/links').query({ internetMessageId: '<offer-42@kunde.example>' });
    expect(links.body.links.map((l: { record: { id: string } }) => l.record.id)).toEqual([companyId]);
  });

  it('keeps one mail when the same mail is filed twice', async () => {
    const res = await request(app).post('/api/mails/file').send({ mailbox, ewsId: 'AAMk-1=', records: [] });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(false);
    expect(await countRows(ctx.db, 'crm_mails')).toBe(1);
  });

  it('refuses another user’s mailbox with 403 without reading it', async () => {
    const before = source.calls.length;
    const res = await request(app).post('/api/mails/file').send({ mailbox: 'ceo@tandem.test', ewsId: 'AAMk-1=' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(source.calls.length).toBe(before);
  });

  it('refuses a draft with 409', async () => {
    const res = await request(app).post('/api/mails/file').send({ mailbox, ewsId: 'AAMk-draft=' });
    expect(res.status).toBe(409);
    expect(await countRows(ctx.db, 'crm_mails')).toBe(1);
  });

  it('answers 404 when the mailbox has no such item', async () => {
    const res = await request(app).post('/api/mails/file').send({ mailbox, ewsId: 'AAMk-gone=' });
    expect(res.status).toBe(404);
  });

  it('answers 400 with field errors for a request without an item id', async () => {
    const res = await request(app).post('/api/mails/file').send({ mailbox });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('ewsId');
  });
});

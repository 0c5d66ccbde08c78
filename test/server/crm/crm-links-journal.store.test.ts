import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCreateSchema } from '../../../shared/crm/company.schema';
import { contactCreateSchema } from '../../../shared/crm/contact.schema';
import { mailFileSchema } from '../../../shared/crm/mail.schema';
import { CrmInvalidError, CrmNotFoundError } from '../../../server/src/crm/crm-errors';
import type { WriteContext } from '../../../server/src/crm/viewer';
import { availableBackends } from '../../support/test-databases';
import { actAsUser, countRows, openCrmTestContext, type CrmTestContext } from './crm-test-context';

const backends = await availableBackends();

describe.each(backends)('CRM links, mails and journal on %s', (backend) => {
  let ctx: CrmTestContext;
  let alice: WriteContext;
  let bob: WriteContext;
  let openCompany: string;
  let closedCompany: string;

  beforeAll(async () => {
    ctx = await openCrmTestContext(backend);
    alice = await actAsUser(ctx.store, 'alice');
    bob = await actAsUser(ctx.store, 'bob');
    openCompany = (await ctx.store.companies.create(ctx.admin, companyCreateSchema.parse({ name: 'Open Co' }))).id;
    closedCompany = (await ctx.store.companies.create(ctx.admin, companyCreateSchema.parse({ name: 'Alice Only', restricted: true, ownerId: alice.userId }))).id;
  });
  afterAll(() => ctx.dispose());

  const mail = (identities: Record<string, string>) => ({ kind: 'mail' as const, mailbox: 'alice@tandem.test', identities, subject: 'Offer' });

  it('links an item once however often it is linked', async () => {
    const { store, db } = ctx;
    const item = mail({ internetMessageId: '<once@x>', ewsId: 'E1' });
    await store.link(alice, item, [{ type: 'company', id: openCompany }]);
    const again = await store.link(alice, item, [{ type: 'company', id: openCompany }, { type: 'company', id: openCompany }]);
    expect(again.links).toHaveLength(1);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM crm_links l JOIN crm_item_identities i ON i.item_id = l.item_id WHERE i.kind = 'internetMessageId' AND i.value = '<once@x>'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('finds the links of a moved item by its Message-ID although its EWS id changed, and learns the new id', async () => {
    const { store } = ctx;
    await store.link(alice, mail({ internetMessageId: '<moved@x>', ewsId: 'OLD' }), [{ type: 'company', id: openCompany }]);
    const afterMove = await store.linksOfItem(alice, { internetMessageId: '<moved@x>', ewsId: 'NEW' });
    expect(afterMove.links.map((l) => l.record.id)).toEqual([openCompany]);
    await store.link(alice, mail({ internetMessageId: '<moved@x>', ewsId: 'NEW' }), [{ type: 'company', id: closedCompany }]);
    const byNewId = await store.linksOfItem(alice, { ewsId: 'NEW' });
    expect(byNewId.links.map((l) => l.record.id)).toEqual([openCompany, closedCompany]);
    expect((await store.linksOfItem(alice, { ewsId: 'OLD' })).itemId).toBe(byNewId.itemId);
  });

  it('finds an appointment by its iCalUId and merges items an identity shows to be one', async () => {
    const { store } = ctx;
    const appointment = (ids: Record<string, string>) => ({ kind: 'appointment' as const, mailbox: 'alice@tandem.test', identities: ids });
    const first = await store.link(alice, appointment({ iCalUId: 'UID-1' }), [{ type: 'company', id: openCompany }]);
    const second = await store.link(alice, appointment({ immutableId: 'IMM-1' }), [{ type: 'company', id: closedCompany }]);
    expect(second.itemId).not.toBe(first.itemId);
    const merged = await store.link(alice, appointment({ iCalUId: 'UID-1', immutableId: 'IMM-1' }), [{ type: 'company', id: openCompany }]);
    expect(merged.itemId).toBe(first.itemId);
    expect(merged.links.map((l) => l.record.id).sort()).toEqual([openCompany, closedCompany].sort());
    expect((await store.linksOfItem(alice, { immutableId: 'IMM-1' })).itemId).toBe(first.itemId);
  });

  it('lets only visible records be linked and shows each user only the links they may see', async () => {
    const { store } = ctx;
    const item = mail({ internetMessageId: '<shared@x>' });
    await expect(store.link(bob, item, [{ type: 'company', id: closedCompany }])).rejects.toBeInstanceOf(CrmInvalidError);
    await store.link(alice, item, [{ type: 'company', id: closedCompany }, { type: 'company', id: openCompany }]);
    expect((await store.linksOfItem(bob, { internetMessageId: '<shared@x>' })).links.map((l) => l.record.id)).toEqual([openCompany]);
    expect((await store.linksOfItem(ctx.admin, { internetMessageId: '<shared@x>' })).links).toHaveLength(2);
    await expect(store.itemsOfRecord(bob, { type: 'company', id: closedCompany })).rejects.toBeInstanceOf(CrmNotFoundError);
    const items = await store.itemsOfRecord(bob, { type: 'company', id: openCompany });
    expect(items.map((i) => i.identities.internetMessageId)).toContain('<shared@x>');
  });

  it('unlinks only visible records and ignores links that do not exist', async () => {
    const { store } = ctx;
    const item = mail({ internetMessageId: '<unlink@x>' });
    const contact = await store.contacts.create(ctx.admin, contactCreateSchema.parse({ companyId: closedCompany, lastName: 'Private' }));
    await store.link(alice, item, [{ type: 'company', id: openCompany }, { type: 'contact', id: contact.id }]);
    const afterBob = await store.unlink(bob, { internetMessageId: '<unlink@x>' }, [{ type: 'contact', id: contact.id }, { type: 'company', id: openCompany }]);
    expect(afterBob.links).toEqual([]);
    const remaining = await store.linksOfItem(alice, { internetMessageId: '<unlink@x>' });
    expect(remaining.links.map((l) => l.record.id)).toEqual([contact.id]);
    expect((await store.unlink(alice, { internetMessageId: '<never@x>' }, [{ type: 'company', id: openCompany }])).links).toEqual([]);
  });

  it('files a mail once per Message-ID, sanitises its body and updates it only when it changed', async () => {
    const { store, db } = ctx;
    const input = mailFileSchema.parse({
      internetMessageId: '<filed@x>',
      subject: 'Quote',
      from: { email: 'Sender@Example.com', name: 'Sender' },
      to: [{ email: 'alice@tandem.test' }],
      bodyType: 'html',
      body: '<p onclick="x()">Hi<script>alert(1)</script></p>',
      attachments: [{ name: 'quote.pdf', contentType: 'application/pdf', size: 1234 }],
    });
    const first = await store.fileMail(alice, input);
    expect(first.created).toBe(true);
    expect(first.mail).toMatchObject({ from: { email: 'sender@example.com' }, body: '<p>Hi</p>', attachments: [{ name: 'quote.pdf', isInline: false }], filedBy: alice.userId });
    const head = await store.headSeq();
    const second = await store.fileMail(alice, input);
    expect(second).toMatchObject({ created: false, mail: { id: first.mail.id, version: 1 } });
    expect(await store.headSeq()).toBe(head);
    const third = await store.fileMail(bob, { ...input, subject: 'Quote v2' });
    expect(third.mail).toMatchObject({ id: first.mail.id, version: 2, subject: 'Quote v2', filedBy: alice.userId });
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM crm_mails WHERE internet_message_id = '<filed@x>'");
    expect(rows[0]?.n).toBe(1);
  });

  it('shows a filed mail to its filer and to users who see a record it is linked to', async () => {
    const { store } = ctx;
    const filed = await store.fileMail(alice, mailFileSchema.parse({ internetMessageId: '<visible@x>', bodyType: 'text', body: 'plain' }));
    await expect(store.getMail(bob, filed.mail.id)).rejects.toBeInstanceOf(CrmNotFoundError);
    await store.link(alice, mail({ internetMessageId: '<visible@x>' }), [{ type: 'company', id: openCompany }]);
    expect((await store.getMail(bob, filed.mail.id)).body).toBe('plain');
  });

  it('journals every write in order with its origin and version', async () => {
    const { store } = ctx;
    const head = await store.headSeq();
    const sync: WriteContext = { ...ctx.admin, origin: 'sync:rule-7' };
    const company = await store.companies.create(ctx.admin, companyCreateSchema.parse({ name: 'Journal Co' }));
    await store.companies.update(sync, company.id, { name: 'Journal Co 2' });
    await store.companies.remove(ctx.admin, company.id);
    const changes = await store.readChanges(head, 10);
    expect(changes.map((c) => [c.entityType, c.operation, c.version, c.origin])).toEqual([
      ['company', 'create', 1, 'api'],
      ['company', 'update', 2, 'sync:rule-7'],
      ['company', 'delete', 3, 'api'],
    ]);
    expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((a, b) => a - b));
    expect(await store.readChanges(head, 10, ['contact'])).toEqual([]);
    expect(await store.readChanges(head, 1)).toHaveLength(1);
  });

  it('leaves neither the record nor a journal row when the write fails after the insert', async () => {
    const { store, db } = ctx;
    // A constraint only the journal insert violates makes the failure land after the record's INSERT.
    await db.exec("ALTER TABLE crm_changes ADD CONSTRAINT test_refuse_boom CHECK (origin <> 'boom')");
    try {
      const before = [await countRows(db, 'crm_companies'), await countRows(db, 'crm_company_domains'), await countRows(db, 'crm_changes')];
      const boom: WriteContext = { ...ctx.admin, origin: 'boom' };
      await expect(store.companies.create(boom, companyCreateSchema.parse({ name: 'Half written', domains: ['half.example'] }))).rejects.toThrow(/test_refuse_boom/);
      await expect(store.companies.update(boom, openCompany, { name: 'Renamed' })).rejects.toThrow(/test_refuse_boom/);
      expect([await countRows(db, 'crm_companies'), await countRows(db, 'crm_company_domains'), await countRows(db, 'crm_changes')]).toEqual(before);
      expect((await store.companies.get(ctx.admin, openCompany)).name).toBe('Open Co');
    } finally {
      await db.exec('ALTER TABLE crm_changes DROP CONSTRAINT test_refuse_boom');
    }
  });

  it('maps a caller to one CRM user by subject and claims a user an admin created by e-mail', async () => {
    const { store } = ctx;
    const again = await store.resolveViewer({ subject: 'alice', tenantId: 't1', roles: ['user'] });
    expect(again.userId).toBe(alice.userId);
    const invited = await store.users.create(ctx.admin, { email: 'carol@tandem.test', displayName: 'Carol', isAdmin: true });
    const carol = await store.resolveViewer({ subject: 'carol-oid', tenantId: 't1', email: 'Carol@Tandem.test', roles: ['user'] });
    expect(carol).toEqual({ userId: invited.id, isAdmin: true });
    expect((await store.users.get(ctx.admin, invited.id)).subject).toBe('carol-oid');
  });
});

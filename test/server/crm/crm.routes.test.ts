import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { countRows, openCrmTestContext, type CrmTestContext } from './crm-test-context';
import { createCrmTestApp, userPrincipal } from './crm-test-app';

describe('CRM routes', () => {
  let ctx: CrmTestContext;
  let app: Express;
  beforeAll(async () => {
    ctx = await openCrmTestContext('pglite');
    app = createCrmTestApp(ctx.store);
    await ctx.store.resolveViewer(userPrincipal('plain'));
  });
  afterAll(() => ctx.dispose());

  async function counts(): Promise<number[]> {
    const tables = ['crm_companies', 'crm_contacts', 'crm_users', 'crm_groups', 'crm_changes', 'crm_links', 'crm_items', 'crm_mails'];
    return Promise.all(tables.map((t) => countRows(ctx.db, t)));
  }

  it('creates, gets, patches and deletes a company over HTTP', async () => {
    const created = await request(app).post('/api/crm/companies').send({ name: 'Http GmbH', domains: ['http.example'] }).expect(201);
    expect(created.body).toMatchObject({ name: 'Http GmbH', version: 1, domains: ['http.example'] });
    const id: string = created.body.id;
    await request(app).get(`/api/crm/companies/${id}`).expect(200);
    const patched = await request(app).patch(`/api/crm/companies/${id}`).send({ status: 'inactive', expectedVersion: 1 }).expect(200);
    expect(patched.body).toMatchObject({ status: 'inactive', version: 2 });
    await request(app).delete(`/api/crm/companies/${id}?expectedVersion=2`).expect(204);
    await request(app).get(`/api/crm/companies/${id}`).expect(404);
  });

  it('answers 409 with the current version when expectedVersion is stale', async () => {
    const created = await request(app).post('/api/crm/companies').send({ name: 'Stale' }).expect(201);
    await request(app).patch(`/api/crm/companies/${created.body.id}`).send({ name: 'Fresh' }).expect(200);
    const conflict = await request(app).patch(`/api/crm/companies/${created.body.id}`).send({ name: 'Late', expectedVersion: 1 }).expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'conflict', fields: [{ path: 'expectedVersion', message: 'Current version is 2' }] });
  });

  it('pages a list with limit and cursor', async () => {
    for (const name of ['Page A', 'Page B', 'Page C']) await request(app).post('/api/crm/companies').send({ name }).expect(201);
    const first = await request(app).get('/api/crm/companies?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(app).get(`/api/crm/companies?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items[0].id > first.body.items[1].id).toBe(true);
    const bad = await request(app).get('/api/crm/companies?cursor=nonsense').expect(400);
    expect(bad.body.error.fields).toEqual([{ path: 'cursor', message: 'Unknown cursor' }]);
  });

  it('refuses malformed JSON, unknown fields, wrong types and too-long strings with field errors and writes nothing', async () => {
    const before = await counts();
    const malformed = await request(app).post('/api/crm/companies').set('content-type', 'application/json').send('{"name": ').expect(400);
    expect(malformed.body.error.code).toBe('bad_request');
    expect(malformed.body.error.fields).toEqual([{ path: '', message: 'Malformed JSON' }]);

    const unknown = await request(app).post('/api/crm/companies').send({ name: 'X', colour: 'red' }).expect(400);
    expect(unknown.body.error).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(unknown.body.error.fields)).toContain('colour');

    const wrongType = await request(app).post('/api/crm/contacts').send({ lastName: 42, emails: 'a@b.c' }).expect(400);
    expect(wrongType.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['emails', 'lastName']);

    const tooLong = await request(app).post('/api/crm/companies').send({ name: 'x'.repeat(201) }).expect(400);
    expect(tooLong.body.error.fields).toEqual([{ path: 'name', message: expect.stringContaining('200') }]);

    const badEmail = await request(app).post('/api/crm/contacts').send({ lastName: 'Doe', emails: ['not-an-address'] }).expect(400);
    expect(badEmail.body.error.fields[0].path).toBe('emails.0');

    const badPatch = await request(app).patch('/api/crm/companies/not-a-uuid').send({ name: 'Y' }).expect(400);
    expect(badPatch.body.error.fields[0].path).toBe('params.id');

    const missingRef = await request(app)
      .post('/api/crm/projects')
      .send({ companyId: '00000000-0000-7000-8000-000000000000', title: 'Orphan' })
      .expect(400);
    expect(missingRef.body.error.fields[0].path).toBe('companyId');

    await request(app).post('/api/crm/users').set('x-test-user', 'plain').send({ email: 'new@tandem.test' }).expect(403);
    expect(await counts()).toEqual(before);
  });

  it('keeps admin routes from plain users', async () => {
    const users = await request(app).get('/api/crm/users').set('x-test-user', 'plain').expect(403);
    expect(users.body.error.code).toBe('forbidden');
    await request(app).get('/api/crm/changes').set('x-test-user', 'plain').expect(403);
    await request(app).get('/api/crm/groups').expect(200);
  });

  it('answers 404 for a company the caller may not see, and hides it from lists and search', async () => {
    const secret = await request(app).post('/api/crm/companies').send({ name: 'Secretive Corp', restricted: true }).expect(201);
    await request(app).get(`/api/crm/companies/${secret.body.id}`).set('x-test-user', 'plain').expect(404);
    await request(app).patch(`/api/crm/companies/${secret.body.id}`).set('x-test-user', 'plain').send({ name: 'Mine' }).expect(404);
    const list = await request(app).get('/api/crm/companies?limit=200').set('x-test-user', 'plain').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(secret.body.id);
    const search = await request(app).get('/api/crm/search?q=secretive').set('x-test-user', 'plain').expect(200);
    expect(search.body.hits).toEqual([]);
    const adminSearch = await request(app).get('/api/crm/search?q=secretive').expect(200);
    expect(adminSearch.body.hits[0].record).toMatchObject({ type: 'company', id: secret.body.id });
  });

  it('reads the journal after a sequence number, filtered by type', async () => {
    const head = (await request(app).get('/api/crm/changes?after=0&limit=1000').expect(200)).body.lastSeq as number;
    const created = await request(app).post('/api/crm/contacts').send({ lastName: 'Journaled' }).expect(201);
    const page = await request(app).get(`/api/crm/changes?after=${head}&types=contact`).expect(200);
    expect(page.body.changes).toEqual([
      expect.objectContaining({ entityType: 'contact', entityId: created.body.id, operation: 'create', version: 1, origin: 'api' }),
    ]);
    await request(app).get('/api/crm/changes?types=planet').expect(400);
  });

  it('suggests and links over HTTP, finding links again by the Message-ID after a move', async () => {
    const company = await request(app).post('/api/crm/companies').send({ name: 'Linkable', domains: ['linkable.example'] }).expect(201);
    const suggest = await request(app).post('/api/crm/suggest').send({ addresses: ['Someone@Linkable.example'] }).expect(200);
    expect(suggest.body.suggestions[0]).toMatchObject({ reason: 'domain', record: { type: 'company', id: company.body.id } });
    await request(app).post('/api/crm/suggest').send({ addresses: [] }).expect(400);

    const item = { kind: 'mail', mailbox: 'me@tandem.test', identities: { internetMessageId: '<m1@x>', ewsId: 'AAA=' }, subject: 'Hello' };
    const linked = await request(app).post('/api/links').send({ item, records: [{ type: 'company', id: company.body.id }] }).expect(200);
    expect(linked.body.links).toHaveLength(1);
    const found = await request(app).get('/api/links').query({ ewsId: 'NEW=', internetMessageId: '<m1@x>' }).expect(200);
    expect(found.body.links[0].record).toMatchObject({ type: 'company', name: 'Linkable' });
    const items = await request(app).get(`/api/links/records/company/${company.body.id}`).expect(200);
    expect(items.body.items[0]).toMatchObject({ kind: 'mail', subject: 'Hello', identities: { internetMessageId: '<m1@x>', ewsId: 'AAA=' } });
    await request(app).post('/api/links').send({ item, records: [] }).expect(400);
    await request(app).get('/api/links').expect(400);
  });
});

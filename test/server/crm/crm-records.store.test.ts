import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCreateSchema } from '../../../shared/crm/company.schema';
import { contactCreateSchema } from '../../../shared/crm/contact.schema';
import { offerCreateSchema, projectCreateSchema } from '../../../shared/crm/deal.schema';
import { appointmentCreateSchema, taskCreateSchema } from '../../../shared/crm/activity.schema';
import { CrmInvalidError, CrmNotFoundError, CrmVersionConflictError } from '../../../server/src/crm/crm-errors';
import { availableBackends } from '../../support/test-databases';
import { countRows, openCrmTestContext, type CrmTestContext } from './crm-test-context';

const backends = await availableBackends();

describe.each(backends)('CRM records on %s', (backend) => {
  let ctx: CrmTestContext;
  beforeAll(async () => {
    ctx = await openCrmTestContext(backend);
  });
  afterAll(() => ctx.dispose());

  it('creates, reads, updates and deletes a company with its domains', async () => {
    const { store, admin } = ctx;
    const created = await store.companies.create(admin, companyCreateSchema.parse({ name: 'Acme GmbH', number: 'K-1', domains: ['Acme.example', 'acme.test'] }));
    expect(created).toMatchObject({ name: 'Acme GmbH', number: 'K-1', domains: ['acme.example', 'acme.test'], status: 'active', version: 1, restricted: false });
    expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const updated = await store.companies.update(admin, created.id, { name: 'Acme AG', domains: ['acme.example'], expectedVersion: 1 });
    expect(updated).toMatchObject({ name: 'Acme AG', number: 'K-1', domains: ['acme.example'], version: 2 });
    expect(await store.companies.get(admin, created.id)).toEqual(updated);

    await store.companies.remove(admin, created.id);
    await expect(store.companies.get(admin, created.id)).rejects.toBeInstanceOf(CrmNotFoundError);
  });

  it('stores contacts with normalised addresses, phones and an address', async () => {
    const { store, admin } = ctx;
    const company = await store.companies.create(admin, companyCreateSchema.parse({ name: 'Contacts Inc' }));
    const contact = await store.contacts.create(
      admin,
      contactCreateSchema.parse({
        companyId: company.id,
        firstName: 'Ada',
        lastName: 'Lovelace',
        emails: [' Ada@Example.COM ', 'ada.l@example.org'],
        phones: [{ kind: 'mobile', number: '+49 170 1' }],
        address: { street: 'Main 1', city: 'Berlin' },
        birthday: '1815-12-10',
      }),
    );
    expect(contact).toMatchObject({
      companyId: company.id,
      emails: ['ada@example.com', 'ada.l@example.org'],
      phones: [{ kind: 'mobile', number: '+49 170 1' }],
      address: { street: 'Main 1', city: 'Berlin' },
      birthday: '1815-12-10',
    });
    const moved = await store.contacts.update(admin, contact.id, { companyId: null, emails: ['ada@example.com'] });
    expect(moved).toMatchObject({ companyId: null, emails: ['ada@example.com'], version: 2 });
  });

  it('creates projects, offers, appointments and tasks under a company', async () => {
    const { store, admin } = ctx;
    const company = await store.companies.create(admin, companyCreateSchema.parse({ name: 'Deals Ltd' }));
    const project = await store.projects.create(admin, projectCreateSchema.parse({ companyId: company.id, title: 'Roll-out', number: 'P-7' }));
    const offer = await store.offers.create(
      admin,
      offerCreateSchema.parse({ companyId: company.id, projectId: project.id, title: 'Licences', amount: 1234.5, currency: 'EUR', validUntil: '2030-01-31' }),
    );
    expect(project).toMatchObject({ status: 'open', number: 'P-7' });
    expect(offer).toMatchObject({ amount: 1234.5, currency: 'EUR', validUntil: '2030-01-31', projectId: project.id });
    const appointment = await store.appointments.create(
      admin,
      appointmentCreateSchema.parse({
        subject: 'Kick-off',
        startsAt: '2030-01-02T09:00:00+01:00',
        endsAt: '2030-01-02T10:00:00+01:00',
        iCalUId: 'uid-1',
        attendees: [{ email: 'X@Example.com' }],
        companyId: company.id,
      }),
    );
    expect(appointment).toMatchObject({ startsAt: '2030-01-02T08:00:00.000Z', attendees: [{ email: 'x@example.com', type: 'required' }] });
    expect((await store.findAppointmentByICalUid(admin, 'uid-1'))?.id).toBe(appointment.id);
    const task = await store.tasks.create(admin, taskCreateSchema.parse({ subject: 'Call back', dueAt: '2030-01-05T12:00:00Z', projectId: project.id }));
    expect(task).toMatchObject({ status: 'notStarted', priority: 'normal', dueAt: '2030-01-05T12:00:00.000Z' });
  });

  it('refuses a reference to a missing company as a field error and writes nothing', async () => {
    const { store, admin, db } = ctx;
    const before = [await countRows(db, 'crm_projects'), await countRows(db, 'crm_changes')];
    const error = await store.projects
      .create(admin, projectCreateSchema.parse({ companyId: '00000000-0000-7000-8000-000000000000', title: 'Orphan' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmInvalidError);
    expect((error as CrmInvalidError).fields[0]?.path).toBe('companyId');
    expect([await countRows(db, 'crm_projects'), await countRows(db, 'crm_changes')]).toEqual(before);
  });

  it('answers a stale expected version with a conflict and keeps the newer data', async () => {
    const { store, admin } = ctx;
    const company = await store.companies.create(admin, companyCreateSchema.parse({ name: 'Versioned' }));
    await store.companies.update(admin, company.id, { name: 'First writer', expectedVersion: 1 });
    await expect(store.companies.update(admin, company.id, { name: 'Second writer', expectedVersion: 1 })).rejects.toBeInstanceOf(CrmVersionConflictError);
    await expect(store.companies.remove(admin, company.id, 1)).rejects.toBeInstanceOf(CrmVersionConflictError);
    expect((await store.companies.get(admin, company.id)).name).toBe('First writer');
  });

  it('pages through a list in creation order with an opaque cursor and no gaps or repeats', async () => {
    const { store, admin } = ctx;
    const group = await store.groups.create(admin, { name: 'pager', memberIds: [] });
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await store.companies.create(admin, companyCreateSchema.parse({ name: `Paged ${i}`, restricted: true, groupIds: [group.id] }))).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.companies.list(admin, { limit: 3, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.filter((id) => created.includes(id))).toEqual(created);
    expect(new Set(seen).size).toBe(seen.length);
    await expect(store.companies.list(admin, { limit: 3, cursor: 'garbage' })).rejects.toBeInstanceOf(CrmInvalidError);
  });

  it('deleting a company deletes its projects and offers and detaches its contacts, all journaled', async () => {
    const { store, admin } = ctx;
    const company = await store.companies.create(admin, companyCreateSchema.parse({ name: 'Doomed' }));
    const contact = await store.contacts.create(admin, contactCreateSchema.parse({ companyId: company.id, lastName: 'Survivor' }));
    const project = await store.projects.create(admin, projectCreateSchema.parse({ companyId: company.id, title: 'Gone' }));
    const head = await store.headSeq();
    await store.companies.remove(admin, company.id);
    const changes = await store.readChanges(head, 100);
    expect(changes.map((c) => [c.entityType, c.entityId, c.operation])).toEqual([
      ['contact', contact.id, 'update'],
      ['project', project.id, 'delete'],
      ['company', company.id, 'delete'],
    ]);
    expect((await store.contacts.get(admin, contact.id)).companyId).toBeNull();
  });
});

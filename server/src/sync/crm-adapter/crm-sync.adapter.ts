import type { SyncDataType } from '../../../../shared/admin/sync-rule.schema';
import type { Appointment, Task } from '../../../../shared/crm/activity.schema';
import type { Company } from '../../../../shared/crm/company.schema';
import type { Contact } from '../../../../shared/crm/contact.schema';
import { CrmNotFoundError } from '../../crm/crm-errors';
import type { CrmStore } from '../../crm/crm-store';
import type { Viewer, WriteContext } from '../../crm/viewer';
import type { NeutralItem } from '../../exchange/exchange-items';
import type { CrmSyncPort, CrmSyncRecord, CrmWriteContext } from '../crm-sync.port';
import { appointmentToCreate, appointmentToNeutral, appointmentToPatch, reconcileAppointment, reconcileTask, taskToCreate, taskToNeutral, taskToPatch } from './activity.crm-mapper';
import { companyForName } from './company-link';
import { readJournalPage } from './crm-journal-page';
import { contactToCreate, contactToNeutral, contactToPatch, looksLikeCompany, reconcileContact } from './contact.crm-mapper';

/** The engine reads as the system: which mailbox a record belongs in is decided by `userIds`, not by visibility. */
const systemViewer: Viewer = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true };

/** Records owned by nobody go to no mailbox (a shared contact list is the exception). */
const nobody = ['(no owner)'];

export interface CrmSyncAdapterOptions {
  /** IANA zone that labels CRM instants until Exchange reports the real zone. */
  readonly timeZone: string;
}

function writeContext(context: CrmWriteContext): WriteContext {
  return { userId: context.userId, isAdmin: true, origin: context.origin };
}

async function ignoreMissing(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof CrmNotFoundError)) throw error;
  }
}

/** The CRM store seen through the sync engine's port (CrmSyncPort), with the CRM ↔ neutral mappers. */
export function createCrmSyncAdapter(store: CrmStore, options: CrmSyncAdapterOptions): CrmSyncPort {
  const zone = options.timeZone;

  async function companiesOf(ids: ReadonlyArray<string | null>): Promise<Map<string, Company>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = wanted.length > 0 ? await store.companies.find(systemViewer, wanted) : [];
    return new Map(found.map((company) => [company.id, company]));
  }

  function filterValues(ownerId: string | null, status: string | null, company: Company | undefined): CrmSyncRecord['filterValues'] {
    return { ownerId, status, 'company.id': company?.id ?? null, 'company.status': company?.status ?? null, 'company.ownerId': company?.ownerId ?? null };
  }

  async function getContacts(ids: readonly string[], companySalutation: string | null): Promise<CrmSyncRecord[]> {
    const contacts: Contact[] = await store.contacts.find(systemViewer, ids);
    const companies = await companiesOf(contacts.map((contact) => contact.companyId));
    return contacts.map((contact) => {
      const company = contact.companyId ? companies.get(contact.companyId) : undefined;
      return { id: contact.id, values: contactToNeutral(contact, company?.name ?? '', companySalutation), userIds: [], filterValues: filterValues(contact.ownerId, null, company) };
    });
  }

  async function getActivities(dataType: 'appointments' | 'tasks', ids: readonly string[]): Promise<CrmSyncRecord[]> {
    const records: Array<Appointment | Task> = dataType === 'appointments' ? await store.appointments.find(systemViewer, ids) : await store.tasks.find(systemViewer, ids);
    const companies = await companiesOf(records.map((record) => record.companyId));
    return records.map((record) => {
      const company = record.companyId ? companies.get(record.companyId) : undefined;
      const values = 'startsAt' in record && 'endsAt' in record ? appointmentToNeutral(record, zone) : taskToNeutral(record as Task, zone);
      const status = 'status' in record ? record.status : null;
      return { id: record.id, values, userIds: record.ownerId ? [record.ownerId] : nobody, filterValues: filterValues(record.ownerId, status, company) };
    });
  }

  async function exists(dataType: SyncDataType, id: string): Promise<boolean> {
    return (await adapter.getRecords(dataType, [id])).has(id);
  }

  const adapter: CrmSyncPort = {
    headSeq: () => store.headSeq(),

    readChanges: (dataType, afterSeq, limit) => readJournalPage(store, systemViewer, dataType, afterSeq, limit),

    async getRecords(dataType, ids, options) {
      if (ids.length === 0) return new Map();
      const records = dataType === 'contacts' ? await getContacts(ids, options?.companySalutation ?? null) : await getActivities(dataType, ids);
      return new Map(records.map((record) => [record.id, record]));
    },

    async findAppointmentByICalUid(iCalUId) {
      return (await store.findAppointmentByICalUid(systemViewer, iCalUId))?.id ?? null;
    },

    /** A replay after a crash finds the record already there and updates it instead. */
    async createRecord(dataType, id, values, context) {
      if (await exists(dataType, id)) return adapter.updateRecord(dataType, id, values, Object.keys(values), context);
      const ctx = writeContext(context);
      if (values.type === 'contact') {
        const companyId = await companyForName(store, systemViewer, ctx, values.companyName, context.templateCompanyId);
        const salutation = looksLikeCompany(values) ? context.companySalutation : null;
        await store.contacts.create(ctx, contactToCreate(values, context.userId, { companyId, salutation }), { id });
      }
      if (values.type === 'appointment') await store.appointments.create(ctx, appointmentToCreate(values, context.userId), { id });
      if (values.type === 'task') await store.tasks.create(ctx, taskToCreate(values, context.userId, zone), { id });
    },

    async updateRecord(dataType, id, values, fields, context) {
      const ctx = writeContext(context);
      if (values.type === 'contact') {
        const [existing] = await store.contacts.find(systemViewer, [id]);
        if (!existing) return;
        const patch = contactToPatch(values, fields, existing);
        // A company typed in Outlook links the contact to that company, created from the template if new.
        if (fields.includes('companyName')) patch.companyId = await companyForName(store, systemViewer, ctx, values.companyName, context.templateCompanyId);
        await store.contacts.update(ctx, id, patch);
      }
      if (values.type === 'appointment') await store.appointments.update(ctx, id, appointmentToPatch(values, fields));
      if (values.type === 'task') await store.tasks.update(ctx, id, taskToPatch(values, fields, zone));
    },

    async deleteRecord(dataType, id, context) {
      const ctx = writeContext(context);
      if (dataType === 'contacts') await ignoreMissing(() => store.contacts.remove(ctx, id));
      if (dataType === 'appointments') await ignoreMissing(() => store.appointments.remove(ctx, id));
      if (dataType === 'tasks') await ignoreMissing(() => store.tasks.remove(ctx, id));
    },

    async userSubject(userId) {
      const [user] = await store.users.find(systemViewer, [userId]).catch(() => []);
      return { userId, groupIds: user?.groupIds ?? [] };
    },

    reconcile(values: NeutralItem, snapshot: NeutralItem): NeutralItem {
      if (values.type === 'contact' && snapshot.type === 'contact') return reconcileContact(values, snapshot);
      if (values.type === 'appointment' && snapshot.type === 'appointment') return reconcileAppointment(values, snapshot);
      if (values.type === 'task' && snapshot.type === 'task') return reconcileTask(values, snapshot);
      return values;
    },
  };
  return adapter;
}

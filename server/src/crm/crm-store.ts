import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { Appointment, AppointmentCreate, AppointmentPatch, Task, TaskCreate, TaskPatch } from '../../../shared/crm/activity.schema';
import type { CrmChange, CrmEntityType } from '../../../shared/crm/change.schema';
import type { Page, PageQuery } from '../../../shared/crm/common.schema';
import type { Company, CompanyCreate, CompanyPatch } from '../../../shared/crm/company.schema';
import type { Contact, ContactCreate, ContactPatch } from '../../../shared/crm/contact.schema';
import type { Offer, OfferCreate, OfferPatch, Project, ProjectCreate, ProjectPatch } from '../../../shared/crm/deal.schema';
import type { ItemDescriptor, ItemIdentities, ItemLinks, LinkedItem } from '../../../shared/crm/link.schema';
import type { FileMailResult, Mail, MailFile } from '../../../shared/crm/mail.schema';
import type { LinkableType, RecordRef } from '../../../shared/crm/record-ref.schema';
import type { SearchHit } from '../../../shared/crm/search.schema';
import type { Suggestion } from '../../../shared/crm/suggest.schema';
import type { CrmGroup, CrmUser, GroupCreate, GroupPatch, UserCreate, UserPatch } from '../../../shared/crm/user.schema';
import { activityTables } from './activity.table';
import { listContactIdsOfCompanies } from './company-contacts.store';
import { companyTable } from './company.table';
import { contactTable } from './contact.table';
import { dealTables } from './deal.table';
import { readChanges, readHeadSeq } from './journal.store';
import { linkItem, listItemLinks, listRecordItems, unlinkItem } from './link.store';
import { fileMail, getMail } from './mail.store';
import { createRecordId } from './record-id';
import { createRecord, deleteRecord, findRecords, getRecord, listRecords, updateRecord, type RecordTable } from './record-table';
import { searchRecords } from './search.store';
import { suggestRecords } from './suggest.store';
import { groupTable, userTable } from './user.table';
import { resolveViewer } from './user-directory';
import type { Viewer, WriteContext } from './viewer';

/** Options of a create: the sync engine creates under ids it chose before (replays must not duplicate). */
export interface CreateOptions {
  readonly id?: string;
}

/** CRUD of one record type, with visibility applied for `viewer` and journaling for writes. */
export interface RecordCollection<T, C, P> {
  create(ctx: WriteContext, input: C, options?: CreateOptions): Promise<T>;
  update(ctx: WriteContext, id: string, patch: P & { expectedVersion?: number | undefined }): Promise<T>;
  remove(ctx: WriteContext, id: string, expectedVersion?: number): Promise<void>;
  get(viewer: Viewer, id: string): Promise<T>;
  /** Visible records among `ids`; missing ones are left out. */
  find(viewer: Viewer, ids: readonly string[]): Promise<T[]>;
  list(viewer: Viewer, page: PageQuery): Promise<Page<T>>;
}

/**
 * The CRM port (D1): what the HTTP routes, the add-in's filing and the sync adapter need.
 * `createCrmStore` is the built-in implementation on the project's database; an external
 * CRM plugs in by implementing this interface instead.
 */
export interface CrmStore {
  /** Maps a signed-in caller to a CRM user, creating the user on first sight. */
  resolveViewer(principal: Principal): Promise<Viewer>;
  readonly companies: RecordCollection<Company, CompanyCreate, CompanyPatch>;
  readonly contacts: RecordCollection<Contact, ContactCreate, ContactPatch>;
  readonly projects: RecordCollection<Project, ProjectCreate, ProjectPatch>;
  readonly offers: RecordCollection<Offer, OfferCreate, OfferPatch>;
  readonly appointments: RecordCollection<Appointment, AppointmentCreate, AppointmentPatch>;
  readonly tasks: RecordCollection<Task, TaskCreate, TaskPatch>;
  readonly users: RecordCollection<CrmUser, UserCreate, UserPatch>;
  readonly groups: RecordCollection<CrmGroup, GroupCreate, GroupPatch>;
  findAppointmentByICalUid(viewer: Viewer, iCalUId: string): Promise<Appointment | null>;
  /** Ids of the visible contacts under each of `companyIds`, by company (companies without any are absent). */
  contactIdsOfCompanies(viewer: Viewer, companyIds: readonly string[]): Promise<Map<string, string[]>>;
  fileMail(ctx: WriteContext, mail: MailFile): Promise<FileMailResult>;
  getMail(viewer: Viewer, id: string): Promise<Mail>;
  search(viewer: Viewer, query: { q: string; types?: readonly LinkableType[] | undefined; limit: number }): Promise<SearchHit[]>;
  suggest(viewer: Viewer, addresses: readonly string[]): Promise<Suggestion[]>;
  link(viewer: Viewer, item: ItemDescriptor, records: readonly RecordRef[]): Promise<ItemLinks>;
  unlink(viewer: Viewer, identities: ItemIdentities, records: readonly RecordRef[]): Promise<ItemLinks>;
  linksOfItem(viewer: Viewer, identities: ItemIdentities): Promise<ItemLinks>;
  itemsOfRecord(viewer: Viewer, record: RecordRef): Promise<LinkedItem[]>;
  /** Journal entries after `afterSeq` in commit order, optionally of some types only. */
  readChanges(afterSeq: number, limit: number, types?: readonly CrmEntityType[]): Promise<CrmChange[]>;
  headSeq(): Promise<number>;
}

function collection<T, C extends object, P extends object>(db: Database, def: RecordTable<T, C, P>): RecordCollection<T, C, P> {
  return {
    create: (ctx, input, options) => createRecord(db, def, ctx, options?.id ?? createRecordId(), input),
    update: (ctx, id, patch) => updateRecord(db, def, ctx, id, patch),
    remove: (ctx, id, expectedVersion) => deleteRecord(db, def, ctx, id, expectedVersion),
    get: (viewer, id) => getRecord(db, def, viewer, id),
    find: (viewer, ids) => findRecords(db, def, viewer, ids),
    list: (viewer, page) => listRecords(db, def, viewer, page),
  };
}

export function createCrmStore(db: Database): CrmStore {
  const appointments = collection(db, activityTables.appointment);
  return {
    resolveViewer: (principal) => resolveViewer(db, principal),
    companies: collection(db, companyTable),
    contacts: collection(db, contactTable),
    projects: collection(db, dealTables.project),
    offers: collection(db, dealTables.offer),
    appointments,
    tasks: collection(db, activityTables.task),
    users: collection(db, userTable),
    groups: collection(db, groupTable),
    async findAppointmentByICalUid(viewer, iCalUId) {
      const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM crm_appointments WHERE ical_uid = $1 ORDER BY id LIMIT 1', [iCalUId]);
      const id = rows[0]?.id;
      return id ? ((await appointments.find(viewer, [id]))[0] ?? null) : null;
    },
    contactIdsOfCompanies: (viewer, companyIds) => listContactIdsOfCompanies(db, viewer, companyIds),
    fileMail: (ctx, mail) => fileMail(db, ctx, mail),
    getMail: (viewer, id) => getMail(db, viewer, id),
    search: (viewer, query) => searchRecords(db, viewer, query),
    suggest: (viewer, addresses) => suggestRecords(db, viewer, addresses),
    link: (viewer, item, records) => linkItem(db, viewer, item, records),
    unlink: (viewer, identities, records) => unlinkItem(db, viewer, identities, records),
    linksOfItem: (viewer, identities) => listItemLinks(db, viewer, identities),
    itemsOfRecord: (viewer, record) => listRecordItems(db, viewer, record),
    readChanges: (afterSeq, limit, types) => readChanges(db, afterSeq, limit, types),
    headSeq: () => readHeadSeq(db),
  };
}

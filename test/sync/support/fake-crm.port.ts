import type { CrmFilterField, SyncDataType } from '../../../shared/admin/sync-rule.schema';
import type { CrmJournalEntry, CrmJournalPage, CrmSyncPort, CrmSyncRecord, CrmWriteContext } from '../../../server/src/sync/crm-sync.port';
import type { RuleSubject } from '../../../server/src/sync/rule-precedence.policy';
import type { NeutralItem } from '../../../server/src/exchange/exchange-items';

interface StoredRecord {
  values: NeutralItem;
  userIds: string[];
  filterValues: Record<CrmFilterField, string | null>;
}

const noFilterValues: Record<CrmFilterField, string | null> = { ownerId: null, status: null, 'company.id': null, 'company.status': null, 'company.ownerId': null };

/** An in-memory CRM with a change journal, standing in for the CRM store adapter. */
export class FakeCrm implements CrmSyncPort {
  readonly records = new Map<SyncDataType, Map<string, StoredRecord>>();
  readonly journal: Array<CrmJournalEntry & { dataType: SyncDataType }> = [];
  readonly groups = new Map<string, string[]>();
  readonly writes: Array<{ op: 'create' | 'update' | 'delete'; id: string; origin: string }> = [];
  private nextId = 0;
  /** The journal's head: one position per change, which may stand for several records or none. */
  private seq = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  // ---- what a CRM user does ----

  userCreate(dataType: SyncDataType, values: NeutralItem, extra: { userIds?: string[]; filterValues?: Partial<Record<CrmFilterField, string | null>> } = {}): string {
    this.nextId += 1;
    const id = `crm-${this.nextId}`;
    this.table(dataType).set(id, { values, userIds: extra.userIds ?? [], filterValues: { ...noFilterValues, ...extra.filterValues } });
    this.append(dataType, id, 'upsert', null);
    return id;
  }

  userUpdate(dataType: SyncDataType, id: string, patch: Partial<NeutralItem>, filterValues: Partial<Record<CrmFilterField, string | null>> = {}): void {
    const record = this.require(dataType, id);
    this.table(dataType).set(id, { ...record, values: { ...record.values, ...patch } as NeutralItem, filterValues: { ...record.filterValues, ...filterValues } });
    this.append(dataType, id, 'upsert', null);
  }

  userDelete(dataType: SyncDataType, id: string): void {
    this.table(dataType).delete(id);
    this.append(dataType, id, 'delete', null);
  }

  /**
   * One change elsewhere in the CRM that alters how several records read (a renamed
   * company and its contacts): one journal position standing for all of them, or for
   * none (a company without contacts).
   */
  userUpdateMany(dataType: SyncDataType, ids: readonly string[], patch: Partial<NeutralItem>): void {
    this.seq += 1;
    for (const id of ids) {
      const record = this.require(dataType, id);
      this.table(dataType).set(id, { ...record, values: { ...record.values, ...patch } as NeutralItem });
      this.journal.push({ seq: this.seq, dataType, recordId: id, kind: 'upsert', origin: null, at: this.clock().toISOString() });
    }
  }

  values(dataType: SyncDataType): NeutralItem[] {
    return [...this.table(dataType).values()].map((record) => record.values);
  }

  ids(dataType: SyncDataType): string[] {
    return [...this.table(dataType).keys()];
  }

  get(dataType: SyncDataType, id: string): NeutralItem | undefined {
    return this.table(dataType).get(id)?.values;
  }

  // ---- the port ----

  async headSeq(): Promise<number> {
    return this.seq;
  }

  async readChanges(dataType: SyncDataType, afterSeq: number, limit: number): Promise<CrmJournalPage> {
    const last = Math.min(this.seq, afterSeq + limit);
    const entries = this.journal.filter((entry) => entry.dataType === dataType && entry.seq > afterSeq && entry.seq <= last);
    return { entries, lastSeq: last > afterSeq ? last : null, more: last - afterSeq === limit };
  }

  async getRecords(dataType: SyncDataType, ids: readonly string[]): Promise<Map<string, CrmSyncRecord>> {
    const found = new Map<string, CrmSyncRecord>();
    for (const id of ids) {
      const record = this.table(dataType).get(id);
      if (record) found.set(id, { id, values: record.values, userIds: record.userIds, filterValues: record.filterValues });
    }
    return found;
  }

  async findAppointmentByICalUid(iCalUId: string): Promise<string | null> {
    for (const [id, record] of this.table('appointments')) {
      if (record.values.type === 'appointment' && record.values.iCalUId === iCalUId) return id;
    }
    return null;
  }

  async createRecord(dataType: SyncDataType, id: string, values: NeutralItem, context: CrmWriteContext): Promise<void> {
    const userIds = dataType === 'contacts' ? [] : [context.userId];
    this.table(dataType).set(id, { values, userIds, filterValues: { ...noFilterValues, ownerId: context.userId } });
    this.writes.push({ op: 'create', id, origin: context.origin });
    this.append(dataType, id, 'upsert', context.origin);
  }

  async updateRecord(dataType: SyncDataType, id: string, values: NeutralItem, fields: readonly string[], context: CrmWriteContext): Promise<void> {
    const record = this.require(dataType, id);
    const next = { ...record.values } as Record<string, unknown>;
    for (const field of fields) next[field] = (values as unknown as Record<string, unknown>)[field];
    this.table(dataType).set(id, { ...record, values: next as unknown as NeutralItem });
    this.writes.push({ op: 'update', id, origin: context.origin });
    this.append(dataType, id, 'upsert', context.origin);
  }

  async deleteRecord(dataType: SyncDataType, id: string, context: CrmWriteContext): Promise<void> {
    if (!this.table(dataType).delete(id)) return;
    this.writes.push({ op: 'delete', id, origin: context.origin });
    this.append(dataType, id, 'delete', context.origin);
  }

  reconcile(values: NeutralItem): NeutralItem {
    return values;
  }

  async userSubject(userId: string): Promise<RuleSubject> {
    return { userId, groupIds: this.groups.get(userId) ?? [] };
  }

  // ---- internals ----

  private table(dataType: SyncDataType): Map<string, StoredRecord> {
    let table = this.records.get(dataType);
    if (!table) {
      table = new Map();
      this.records.set(dataType, table);
    }
    return table;
  }

  private require(dataType: SyncDataType, id: string): StoredRecord {
    const record = this.table(dataType).get(id);
    if (!record) throw new Error(`no ${dataType} record ${id}`);
    return record;
  }

  private append(dataType: SyncDataType, recordId: string, kind: 'upsert' | 'delete', origin: string | null): void {
    this.seq += 1;
    this.journal.push({ seq: this.seq, dataType, recordId, kind, origin, at: this.clock().toISOString() });
  }
}

import type { CrmFilterField, SyncDataType } from '../../../shared/admin/sync-rule.schema';
import type { NeutralItem } from '../exchange/exchange-items';
import type { RuleSubject } from './rule-precedence.policy';

/**
 * The engine's view of the CRM: records in provider-neutral form and the change
 * journal. An adapter over the CRM store implements it (and holds the CRM ↔ neutral
 * mappers), so the engine stays independent of the CRM's own schema.
 */

export interface CrmJournalEntry {
  readonly seq: number;
  readonly recordId: string;
  readonly kind: 'upsert' | 'delete';
  /** Who wrote the change: `sync:<accountId>` for the engine's own writes (echo suppression). */
  readonly origin: string | null;
  /** ISO instant of the change. */
  readonly at: string;
}

/**
 * One page of the journal as it concerns one data type. A journal entry of another kind
 * may stand for several records (a renamed company for its contacts, all under its seq)
 * or for none, so the page says how far it read apart from its entries.
 */
export interface CrmJournalPage {
  readonly entries: readonly CrmJournalEntry[];
  /** The last journal position the page covers, with or without entries; null: nothing after `afterSeq`. */
  readonly lastSeq: number | null;
  /** The page read `limit` positions, so more may follow. */
  readonly more: boolean;
}

export interface CrmSyncRecord {
  readonly id: string;
  readonly values: NeutralItem;
  /** Users whose mailbox the record belongs in (owner, participants); empty: everyone's (shared contacts). */
  readonly userIds: readonly string[];
  /** Values the rule's CRM filter can test (null: the record has none). */
  readonly filterValues: Readonly<Record<CrmFilterField, string | null>>;
}

/** Context of a write so the CRM records where it came from and can apply B7 defaults. */
export interface CrmWriteContext {
  readonly origin: string;
  readonly userId: string;
  readonly templateCompanyId: string | null;
  readonly companySalutation: string | null;
}

/** Rule options that change how a record reads in neutral form. */
export interface CrmReadOptions {
  /** B7: a contact with this salutation is a company address (no person name in Exchange). */
  readonly companySalutation: string | null;
}

export interface CrmSyncPort {
  /** The journal's latest sequence number (0 when empty). */
  headSeq(): Promise<number>;
  /** At most `limit` journal positions after `afterSeq`; every record one of them stands for is in `entries`, however many. */
  readChanges(dataType: SyncDataType, afterSeq: number, limit: number): Promise<CrmJournalPage>;
  /** Existing records among `ids`; deleted ones are absent. */
  getRecords(dataType: SyncDataType, ids: readonly string[], options?: CrmReadOptions): Promise<Map<string, CrmSyncRecord>>;
  /** Meetings are one CRM appointment across mailboxes (C3). */
  findAppointmentByICalUid(iCalUId: string): Promise<string | null>;
  /** Creates the record under the given id; creating an id that exists updates it, so replays cannot duplicate. */
  createRecord(dataType: SyncDataType, id: string, values: NeutralItem, context: CrmWriteContext): Promise<void>;
  updateRecord(dataType: SyncDataType, id: string, values: NeutralItem, fields: readonly string[], context: CrmWriteContext): Promise<void>;
  /** Deleting a record that is already gone succeeds. */
  deleteRecord(dataType: SyncDataType, id: string, context: CrmWriteContext): Promise<void>;
  userSubject(userId: string): Promise<RuleSubject>;
  /**
   * The CRM's current values with what it cannot hold (recurrence, a zone label, attendee
   * responses…) taken from the last synced `snapshot`, so a field the CRM drops never
   * reads as a change that would wipe it in Exchange.
   */
  reconcile(values: NeutralItem, snapshot: NeutralItem): NeutralItem;
}

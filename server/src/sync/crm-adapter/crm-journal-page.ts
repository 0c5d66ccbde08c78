import type { SyncDataType } from '../../../../shared/admin/sync-rule.schema';
import type { CrmChange, CrmEntityType } from '../../../../shared/crm/change.schema';
import type { CrmStore } from '../../crm/crm-store';
import type { Viewer } from '../../crm/viewer';
import type { CrmJournalEntry, CrmJournalPage } from '../crm-sync.port';

const entityTypeOf: Record<SyncDataType, CrmEntityType> = { contacts: 'contact', appointments: 'appointment', tasks: 'task' };

/**
 * Other records whose change alters how a record of the data type reads: a contact
 * carries its company's name (and the company's status and owner for the rule's filter).
 */
const relatedTypesOf: Record<SyncDataType, readonly CrmEntityType[]> = { contacts: ['company'], appointments: [], tasks: [] };

function entryOf(change: CrmChange, recordId: string, kind: CrmJournalEntry['kind']): CrmJournalEntry {
  return { seq: change.seq, recordId, kind, origin: change.origin, at: change.at };
}

/**
 * A page of the CRM journal for one data type. A company update stands for every contact
 * under the company now, all with the company entry's seq, origin and time, so the page
 * may hold more entries than `limit` but never splits a company's contacts across pages.
 * A company's create has no contacts yet, and its delete journals each contact it
 * detaches itself, so those positions name no record.
 */
export async function readJournalPage(store: CrmStore, viewer: Viewer, dataType: SyncDataType, afterSeq: number, limit: number): Promise<CrmJournalPage> {
  const ownType = entityTypeOf[dataType];
  const changes = await store.readChanges(afterSeq, limit, [ownType, ...relatedTypesOf[dataType]]);
  const updatedCompanies = changes.flatMap((change) => (change.entityType === 'company' && change.operation === 'update' ? [change.entityId] : []));
  const contactsOf = updatedCompanies.length > 0 ? await store.contactIdsOfCompanies(viewer, updatedCompanies) : new Map<string, string[]>();
  const entries = changes.flatMap((change): CrmJournalEntry[] => {
    if (change.entityType === ownType) return [entryOf(change, change.entityId, change.operation === 'delete' ? 'delete' : 'upsert')];
    if (change.operation !== 'update') return [];
    return (contactsOf.get(change.entityId) ?? []).map((contactId) => entryOf(change, contactId, 'upsert'));
  });
  return { entries, lastSeq: changes[changes.length - 1]?.seq ?? null, more: changes.length === limit };
}

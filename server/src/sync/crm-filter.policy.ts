import type { CrmFilterCondition } from '../../../shared/admin/sync-rule.schema';
import type { CrmSyncRecord } from './crm-sync.port';

/** Whether a CRM record passes every condition of a rule's CRM-side filter (B5). */
export function passesCrmFilter(record: CrmSyncRecord, conditions: readonly CrmFilterCondition[]): boolean {
  return conditions.every((condition) => {
    const value = record.filterValues[condition.field];
    const listed = value !== null && condition.values.includes(value);
    return condition.operator === 'in' ? listed : !listed;
  });
}

/** Whether the record belongs in this user's mailbox at all: shared records belong everywhere. */
export function belongsToUser(record: CrmSyncRecord, userId: string): boolean {
  return record.userIds.length === 0 || record.userIds.includes(userId);
}

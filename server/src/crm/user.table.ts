import type { Database } from '../db/database';
import { groupSchema, userSchema, type CrmGroup, type CrmUser, type GroupCreate, type GroupPatch, type UserCreate, type UserPatch } from '../../../shared/crm/user.schema';
import { CrmInvalidError } from './crm-errors';
import type { RecordTable } from './record-table';
import { requireReferences } from './reference-check';

async function requireFree(tx: Database, table: string, column: string, field: string, value: string | null | undefined, id: string): Promise<void> {
  if (value === null || value === undefined) return;
  const { rows } = await tx.query(`SELECT 1 FROM ${table} WHERE ${column} = $1 AND id <> $2::uuid`, [value, id]);
  if (rows.length > 0) throw new CrmInvalidError(`The ${field} is already taken`, [{ path: field, message: 'Already in use' }]);
}

export const userTable: RecordTable<CrmUser, UserCreate, UserPatch> = {
  entityType: 'user',
  label: 'User',
  table: 'crm_users',
  columns: [
    { field: 'subject', column: 'subject' },
    { field: 'email', column: 'email' },
    { field: 'displayName', column: 'display_name' },
    { field: 'isAdmin', column: 'is_admin' },
  ],
  extraSelect: ['ARRAY(SELECT m.group_id::text FROM crm_group_members m WHERE m.user_id = r.id ORDER BY m.group_id) AS "groupIds"'],
  schema: userSchema,
  async checkReferences(tx, _viewer, values, id) {
    await requireFree(tx, 'crm_users', 'subject', 'subject', values.subject, id);
    await requireFree(tx, 'crm_users', 'email', 'email', values.email, id);
  },
};

async function writeMembers(tx: Database, id: string, values: Partial<GroupCreate> | GroupPatch, isCreate: boolean): Promise<void> {
  if (values.memberIds === undefined) return;
  if (!isCreate) await tx.query('DELETE FROM crm_group_members WHERE group_id = $1', [id]);
  const members = [...new Set(values.memberIds)];
  if (members.length > 0) await tx.query('INSERT INTO crm_group_members (group_id, user_id) SELECT $1, unnest($2::uuid[])', [id, members]);
}

export const groupTable: RecordTable<CrmGroup, GroupCreate, GroupPatch> = {
  entityType: 'group',
  label: 'Group',
  table: 'crm_groups',
  columns: [{ field: 'name', column: 'name' }],
  extraSelect: ['ARRAY(SELECT m.user_id::text FROM crm_group_members m WHERE m.group_id = r.id ORDER BY m.user_id) AS "memberIds"'],
  schema: groupSchema,
  async checkReferences(tx, viewer, values, id) {
    await requireFree(tx, 'crm_groups', 'name', 'name', values.name, id);
    await requireReferences(tx, viewer, 'user', 'memberIds', values.memberIds ?? []);
  },
  writeChildren: writeMembers,
};

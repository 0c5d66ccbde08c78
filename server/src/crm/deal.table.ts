import { offerSchema, projectSchema, type Offer, type OfferCreate, type OfferPatch, type Project, type ProjectCreate, type ProjectPatch } from '../../../shared/crm/deal.schema';
import type { RecordTable } from './record-table';
import { requireReferences } from './reference-check';
import { inheritedVisibleSql } from './viewer';

const projectTable: RecordTable<Project, ProjectCreate, ProjectPatch> = {
  entityType: 'project',
  label: 'Project',
  table: 'crm_projects',
  columns: [
    { field: 'companyId', column: 'company_id' },
    { field: 'number', column: 'number' },
    { field: 'title', column: 'title' },
    { field: 'status', column: 'status' },
    { field: 'startsOn', column: 'starts_on', kind: 'date' },
    { field: 'endsOn', column: 'ends_on', kind: 'date' },
    { field: 'ownerId', column: 'owner_id' },
    { field: 'notes', column: 'notes' },
  ],
  visibility: inheritedVisibleSql('r', true),
  schema: projectSchema,
  async checkReferences(tx, viewer, values) {
    await requireReferences(tx, viewer, 'company', 'companyId', [values.companyId]);
    await requireReferences(tx, viewer, 'user', 'ownerId', [values.ownerId]);
  },
};

const offerTable: RecordTable<Offer, OfferCreate, OfferPatch> = {
  entityType: 'offer',
  label: 'Offer',
  table: 'crm_offers',
  columns: [
    { field: 'companyId', column: 'company_id' },
    { field: 'projectId', column: 'project_id' },
    { field: 'number', column: 'number' },
    { field: 'title', column: 'title' },
    { field: 'status', column: 'status' },
    { field: 'amount', column: 'amount', kind: 'numeric' },
    { field: 'currency', column: 'currency' },
    { field: 'validUntil', column: 'valid_until', kind: 'date' },
    { field: 'ownerId', column: 'owner_id' },
    { field: 'notes', column: 'notes' },
  ],
  visibility: inheritedVisibleSql('r', true),
  schema: offerSchema,
  async checkReferences(tx, viewer, values) {
    await requireReferences(tx, viewer, 'company', 'companyId', [values.companyId]);
    await requireReferences(tx, viewer, 'project', 'projectId', [values.projectId]);
    await requireReferences(tx, viewer, 'user', 'ownerId', [values.ownerId]);
  },
};

export const dealTables = { project: projectTable, offer: offerTable } as const;

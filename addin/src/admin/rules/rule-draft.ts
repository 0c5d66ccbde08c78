import type { CrmFilterCondition, DirectionOperations, FolderRef, RuleValidity, SyncDataType, SyncMaster, SyncRuleOptions } from '../../../../shared/admin/sync-rule.schema';
import type { SyncRule } from '../api/admin-api';

/** What the rule form edits; dates and numbers stay text until the API's schema checks them. */
export interface RuleDraft {
  readonly description: string;
  readonly active: boolean;
  readonly scope: RuleValidity['scope'];
  readonly userId: string;
  readonly groupId: string;
  readonly dataType: SyncDataType;
  readonly master: SyncMaster;
  readonly crmToExchange: DirectionOperations;
  readonly exchangeToCrm: DirectionOperations;
  readonly folders: readonly FolderRef[];
  readonly includeSubfolders: boolean;
  /** Index into `folders`, or -1 for "the first selected folder". */
  readonly newItemsIndex: number;
  readonly crmFilter: readonly CrmFilterCondition[];
  readonly options: Omit<SyncRuleOptions, 'initialImportSince'>;
  /** `YYYY-MM-DD` as the date input gives it, or empty. */
  readonly initialImportSince: string;
}

const allOn: DirectionOperations = { create: true, change: true, delete: true, overwrite: false };

export function folderKey(folder: FolderRef): string {
  if (folder.kind === 'well-known') return `well-known:${folder.name}`;
  if (folder.kind === 'path') return `path:${folder.path.join('/')}`;
  return `id:${folder.id}`;
}

export function draftFromRule(rule: SyncRule | undefined): RuleDraft {
  const newItems = rule?.newItemsFolder ? folderKey(rule.newItemsFolder) : '';
  return {
    description: rule?.description ?? '',
    active: rule?.active ?? true,
    scope: rule?.validity.scope ?? 'all',
    userId: rule?.validity.scope === 'user' ? rule.validity.userId : '',
    groupId: rule?.validity.scope === 'group' ? rule.validity.groupId : '',
    dataType: rule?.dataType ?? 'contacts',
    master: rule?.master ?? 'crm',
    crmToExchange: rule?.crmToExchange ?? allOn,
    exchangeToCrm: rule?.exchangeToCrm ?? allOn,
    folders: rule?.folders ?? [],
    includeSubfolders: rule?.includeSubfolders ?? false,
    newItemsIndex: rule?.folders.findIndex((folder) => folderKey(folder) === newItems) ?? -1,
    crmFilter: rule?.crmFilter ?? [],
    options: {
      bodyFormat: rule?.options.bodyFormat ?? 'html',
      oneWayInfoTexts: rule?.options.oneWayInfoTexts ?? false,
      keepExchangeText: rule?.options.keepExchangeText ?? false,
      templateCompanyId: rule?.options.templateCompanyId ?? null,
      companySalutation: rule?.options.companySalutation ?? null,
      deleteProtection: rule?.options.deleteProtection ?? null,
    },
    initialImportSince: rule?.options.initialImportSince?.slice(0, 10) ?? '',
  };
}

function validityOf(draft: RuleDraft): unknown {
  if (draft.scope === 'user') return { scope: 'user', userId: draft.userId };
  if (draft.scope === 'group') return { scope: 'group', groupId: draft.groupId };
  return { scope: 'all' };
}

/** The unvalidated API input; an import date means midnight UTC of that day. */
export function toRuleInput(draft: RuleDraft): unknown {
  return {
    description: draft.description,
    active: draft.active,
    validity: validityOf(draft),
    dataType: draft.dataType,
    master: draft.master,
    crmToExchange: draft.crmToExchange,
    exchangeToCrm: draft.exchangeToCrm,
    folders: draft.folders,
    includeSubfolders: draft.includeSubfolders,
    newItemsFolder: draft.newItemsIndex >= 0 ? (draft.folders[draft.newItemsIndex] ?? null) : null,
    crmFilter: draft.crmFilter,
    options: { ...draft.options, initialImportSince: draft.initialImportSince ? `${draft.initialImportSince}T00:00:00Z` : null },
  };
}

import { z } from 'zod';

/**
 * B5 data types. Mail (`'mail'`) joins this list in a later issue; everything keyed by
 * data type (rules, folder kinds, mappers) is a lookup on this union so that adding it
 * is additive.
 */
export const syncDataTypes = ['contacts', 'appointments', 'tasks'] as const;
export type SyncDataType = (typeof syncDataTypes)[number];

export const syncMasters = ['crm', 'exchange'] as const;
export type SyncMaster = (typeof syncMasters)[number];

/** ConAktiv's four switches per direction: Neuanlage, Änderung, Löschung, komplett überschreiben. */
export const directionOperationsSchema = z.strictObject({
  create: z.boolean(),
  change: z.boolean(),
  delete: z.boolean(),
  /** Write every mapped field of the source, not only the fields that changed since the last sync. */
  overwrite: z.boolean(),
});
export type DirectionOperations = z.infer<typeof directionOperationsSchema>;

export const ruleValiditySchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('all') }),
  z.strictObject({ scope: z.literal('user'), userId: z.string().trim().min(1) }),
  z.strictObject({ scope: z.literal('group'), groupId: z.string().trim().min(1) }),
]);
export type RuleValidity = z.infer<typeof ruleValiditySchema>;

export const wellKnownFolders = ['contacts', 'calendar', 'tasks'] as const;
export type WellKnownFolder = (typeof wellKnownFolders)[number];

/**
 * A folder as the admin picked it from a real folder tree. Folder ids belong to one
 * mailbox, so a rule valid for several users names folders by well-known name or by
 * path below the mailbox root; an `id` only makes sense in a one-user rule.
 */
export const folderRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('well-known'), name: z.enum(wellKnownFolders) }),
  z.strictObject({ kind: z.literal('path'), path: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ kind: z.literal('id'), id: z.string().min(1), displayPath: z.string().default('') }),
]);
export type FolderRef = z.infer<typeof folderRefSchema>;

/** Fields a CRM-side filter may test; the engine resolves each against the record and its company. */
export const crmFilterFields = ['ownerId', 'status', 'company.id', 'company.status', 'company.ownerId'] as const;
export type CrmFilterField = (typeof crmFilterFields)[number];

export const crmFilterConditionSchema = z.strictObject({
  field: z.enum(crmFilterFields),
  operator: z.enum(['in', 'not-in']),
  values: z.array(z.string()).min(1).max(500),
});
export type CrmFilterCondition = z.infer<typeof crmFilterConditionSchema>;

/**
 * C5 delete protection: at most this many deletes per direction in one mailbox run. A
 * run that meets more carries out none of them in that direction (nor later ones in the
 * same run): they are logged as held back, the status raises an alert, and they wait,
 * re-checked on every run, until the admin raises the limit or switches protection off.
 * 0 holds back every delete.
 */
export const deleteProtectionSchema = z.strictObject({
  maxDeletesPerRun: z.number().int().min(0).max(100_000),
});
export type DeleteProtection = z.infer<typeof deleteProtectionSchema>;

/** B7 options, collected from the seed vendors. */
export const syncRuleOptionsSchema = z.strictObject({
  bodyFormat: z.enum(['html', 'text']).default('html'),
  /** Info/memo texts go CRM → Exchange only; Exchange edits of them never reach the CRM. */
  oneWayInfoTexts: z.boolean().default(false),
  /** Never replace the body text an Outlook user wrote (microtech "Informationen nicht hinterlegen"). */
  keepExchangeText: z.boolean().default(false),
  /** Company whose CRM-only fields seed companies created from Exchange data. */
  templateCompanyId: z.string().min(1).nullable().default(null),
  /** Salutation that marks a CRM address as a company (business fields) rather than a person. */
  companySalutation: z.string().min(1).max(100).nullable().default(null),
  /** Null: only changes made after the rule was created are synced (no history push). */
  initialImportSince: z.iso.datetime({ offset: true }).nullable().default(null),
  /** C5; null: deletes travel as the rule's switches say, without a limit. */
  deleteProtection: deleteProtectionSchema.nullable().default(null),
});
export type SyncRuleOptions = z.infer<typeof syncRuleOptionsSchema>;

const syncRuleFields = {
  description: z.string().trim().min(1).max(200),
  active: z.boolean().default(true),
  validity: ruleValiditySchema,
  dataType: z.enum(syncDataTypes),
  master: z.enum(syncMasters),
  crmToExchange: directionOperationsSchema,
  exchangeToCrm: directionOperationsSchema,
  folders: z.array(folderRefSchema).min(1).max(100),
  includeSubfolders: z.boolean().default(false),
  /** Null: new items go to the first selected folder. */
  newItemsFolder: folderRefSchema.nullable().default(null),
  crmFilter: z.array(crmFilterConditionSchema).max(20).default([]),
  options: syncRuleOptionsSchema.default(() => syncRuleOptionsSchema.parse({})),
};

function hasIdRef(folders: readonly FolderRef[], extra: FolderRef | null): boolean {
  return folders.some((folder) => folder.kind === 'id') || extra?.kind === 'id';
}

export const syncRuleInputSchema = z.strictObject(syncRuleFields).superRefine((rule, ctx) => {
  if (rule.validity.scope !== 'user' && hasIdRef(rule.folders, rule.newItemsFolder)) {
    ctx.addIssue({
      code: 'custom',
      path: ['folders'],
      message: 'folder ids belong to one mailbox: a rule for all users or a group must name folders by well-known name or path',
    });
  }
  if (rule.options.oneWayInfoTexts && rule.options.keepExchangeText) {
    ctx.addIssue({
      code: 'custom',
      path: ['options', 'keepExchangeText'],
      message: 'one-way info texts and "keep the Exchange text" contradict each other',
    });
  }
});
export type SyncRuleInput = z.infer<typeof syncRuleInputSchema>;

export const syncRuleSchema = z.strictObject({
  ...syncRuleFields,
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SyncRule = z.infer<typeof syncRuleSchema>;

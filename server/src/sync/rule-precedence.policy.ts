import type { RuleValidity, SyncDataType } from '../../../shared/admin/sync-rule.schema';

/** The part of a sync rule that decides whether it applies to someone. */
export interface ScopedRule {
  readonly id: string;
  readonly active: boolean;
  readonly dataType: SyncDataType;
  readonly validity: RuleValidity;
  readonly createdAt: string;
}

/** A CRM user as the rules see them: their id and every group they belong to. */
export interface RuleSubject {
  readonly userId: string;
  readonly groupIds: readonly string[];
}

const specificity: Record<RuleValidity['scope'], number> = { all: 0, group: 1, user: 2 };

function appliesTo(rule: ScopedRule, subject: RuleSubject): boolean {
  switch (rule.validity.scope) {
    case 'all':
      return true;
    case 'user':
      return rule.validity.userId === subject.userId;
    case 'group':
      return subject.groupIds.includes(rule.validity.groupId);
  }
}

function compareByAge(a: ScopedRule, b: ScopedRule): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The rules that govern one data type for one user (docs/sync-rules.md): only the most
 * specific level that has an active matching rule counts (user over group over all), so
 * an admin can carve out one person without touching the company-wide rule; every rule
 * on that level applies, oldest first, which is also the order in which rules claim a
 * folder they share.
 */
export function selectRulesForDataType<R extends ScopedRule>(rules: readonly R[], subject: RuleSubject, dataType: SyncDataType): R[] {
  const matching = rules.filter((rule) => rule.active && rule.dataType === dataType && appliesTo(rule, subject));
  if (matching.length === 0) return [];
  const level = Math.max(...matching.map((rule) => specificity[rule.validity.scope]));
  return matching.filter((rule) => specificity[rule.validity.scope] === level).sort(compareByAge);
}

/** Every data type's governing rules for a user: the union over data types of `selectRulesForDataType`. */
export function selectRulesForUser<R extends ScopedRule>(rules: readonly R[], subject: RuleSubject): R[] {
  const dataTypes = [...new Set(rules.map((rule) => rule.dataType))].sort();
  return dataTypes.flatMap((dataType) => selectRulesForDataType(rules, subject, dataType));
}

/**
 * Gives each folder to the first rule (in precedence order) that selected it, so two
 * rules on one level never sync the same folder twice with different settings.
 */
export function assignFolderOwners(claims: ReadonlyArray<{ readonly ruleId: string; readonly folderIds: readonly string[] }>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const claim of claims) {
    for (const folderId of claim.folderIds) {
      if (!owners.has(folderId)) owners.set(folderId, claim.ruleId);
    }
  }
  return owners;
}

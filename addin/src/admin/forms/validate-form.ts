import type { z } from 'zod';
import type { FieldError } from '../../../../shared/api-error';
import type { AdminStrings } from '../i18n/admin-strings';

/** Messages keyed by the dotted path of the field they belong to (`auth.clientId`). */
export type FieldErrors = Readonly<Record<string, string>>;

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldErrors };

/** The schema refinements whose English text needs a translation, by path. */
const customMessages: Record<string, (s: AdminStrings) => string> = {
  folders: (s) => s.errors.folderIdsInWideRule,
  'options.keepExchangeText': (s) => s.errors.contradictingTexts,
};

function describeIssue(issue: z.core.$ZodIssue, path: string, s: AdminStrings): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return s.errors.required;
      if (issue.origin === 'array') return s.errors.pickOne;
      return s.errors.tooSmall(Number(issue.minimum));
    case 'too_big':
      return issue.origin === 'string' ? s.errors.tooLong(Number(issue.maximum)) : s.errors.tooBig(Number(issue.maximum));
    case 'invalid_format':
      if (issue.format === 'email') return s.errors.email;
      if (issue.format === 'url') return s.errors.url;
      if (issue.format === 'datetime') return s.errors.date;
      return s.errors.required;
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return s.errors.wholeNumber;
      return s.errors.required;
    case 'invalid_value':
    case 'invalid_union':
      return s.errors.choose;
    case 'custom':
      return customMessages[path]?.(s) ?? issue.message;
    default:
      return issue.message;
  }
}

/** Validates a form's value with the API's own schema; the first message per field wins. */
export function validateForm<S extends z.ZodType>(schema: S, value: unknown, s: AdminStrings): Validated<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= describeIssue(issue, path, s);
  }
  return { ok: false, errors };
}

/** The server's 400 field list in the same shape, for checks only the server can make. */
export function toFieldErrors(fields: readonly FieldError[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const field of fields) errors[field.path] ??= field.message;
  return errors;
}

/** Empty text becomes NaN so that a required number reports itself instead of taking a default. */
export function parseWholeNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function emptyToNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

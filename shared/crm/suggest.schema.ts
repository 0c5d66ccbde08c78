import { z } from 'zod';
import { recordSummarySchema } from './record-ref.schema';

/** Addresses are compared trimmed and lower case; malformed ones simply match nothing. */
export const suggestRequestSchema = z
  .object({ addresses: z.array(z.string().trim().min(1).max(254)).min(1).max(100) })
  .strict();
export type SuggestRequest = z.infer<typeof suggestRequestSchema>;

/**
 * Why a record is suggested: `contact` — an address is one of the contact's (or, for a
 * company, of one of its contacts); `domain` — an address is at one of the company's
 * domains; `company` — an open project or offer of a suggested company.
 */
export const suggestReasons = ['contact', 'domain', 'company'] as const;
export const suggestionSchema = z.object({
  record: recordSummarySchema,
  reason: z.enum(suggestReasons),
  /** The request's addresses (normalised) that led to this record; for `company` those of its company. */
  addresses: z.array(z.string()),
});
export type Suggestion = z.infer<typeof suggestionSchema>;
export const suggestResponseSchema = z.object({ suggestions: z.array(suggestionSchema) });
export type SuggestResponse = z.infer<typeof suggestResponseSchema>;

import { z } from 'zod';
import { linkableTypes, recordSummarySchema } from './record-ref.schema';

export const searchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200),
    types: z
      .string()
      .max(100)
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(z.enum(linkableTypes)).min(1))
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** `exact` > `prefix` > `partial` (substring or trigram similarity). */
export const matchQualities = ['exact', 'prefix', 'partial'] as const;
export const searchHitSchema = z.object({ record: recordSummarySchema, match: z.enum(matchQualities) });
export type SearchHit = z.infer<typeof searchHitSchema>;
export const searchResultSchema = z.object({ hits: z.array(searchHitSchema) });
export type SearchResult = z.infer<typeof searchResultSchema>;

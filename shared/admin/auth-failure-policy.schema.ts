import { z } from 'zod';

/**
 * B8: what a 401 does to an account. Exchange may lock an account that keeps retrying
 * with bad credentials, so the delayed mode waits longer after each failure
 * (first, 2×, 4× … minutes) and deactivates the account at the last attempt.
 */
export const authFailurePolicySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('immediate') }),
  z.strictObject({
    mode: z.literal('delayed'),
    firstDelayMinutes: z.number().int().min(1).max(1440).default(5),
    /** The attempt that fails for the `maxAttempts`-th time deactivates the account. */
    maxAttempts: z.number().int().min(1).max(20).default(4),
  }),
]);
export type AuthFailurePolicy = z.infer<typeof authFailurePolicySchema>;

export const defaultAuthFailurePolicy: AuthFailurePolicy = { mode: 'delayed', firstDelayMinutes: 5, maxAttempts: 4 };

import { z } from 'zod';

/**
 * What the add-in learns about its installation from `GET /api/public-config` before the
 * user signs in. Served without authentication, so it never holds a secret.
 */
export const publicConfigSchema = z.object({
  auth: z.object({
    /** `external`: sign in with MSAL (Entra ID). `local`: the backend's development issuer. */
    mode: z.enum(['external', 'local']),
    clientId: z.string().optional(),
    authority: z.string().optional(),
    /** The scope to request for the backend's API, e.g. `api://tandem.example.com/<id>/access_as_user`. */
    apiScope: z.string().optional(),
    /** Development issuer only: where to mint a token. */
    localTokenUrl: z.string().optional(),
  }),
  /** Pattern of a CRM record's web address with `{type}` and `{id}` placeholders. */
  crmRecordUrl: z.string().optional(),
});

export type PublicConfigBody = z.infer<typeof publicConfigSchema>;

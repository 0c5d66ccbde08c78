import { useCallback, useEffect, useState } from 'react';
import type { AdminApi, CrmGroup, CrmUser, ExchangeServer, MailboxAccount, SyncRule } from '../api/admin-api';

export interface AdminData {
  readonly servers: readonly ExchangeServer[];
  readonly accounts: readonly MailboxAccount[];
  readonly rules: readonly SyncRule[];
  readonly users: readonly CrmUser[];
  readonly groups: readonly CrmGroup[];
}

export type AdminDataState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: unknown }
  | { readonly phase: 'ready'; readonly data: AdminData };

/** Loads what several pages share; the CRM user/group lists are optional (pickers fall back to typing an id). */
export function useAdminData(api: AdminApi): { readonly state: AdminDataState; readonly reload: () => Promise<void> } {
  const [state, setState] = useState<AdminDataState>({ phase: 'loading' });
  const reload = useCallback(async () => {
    try {
      const [servers, accounts, rules, users, groups] = await Promise.all([
        api.listServers(),
        api.listAccounts(),
        api.listRules(),
        api.listUsers().catch(() => []),
        api.listGroups().catch(() => []),
      ]);
      setState({ phase: 'ready', data: { servers, accounts, rules, users, groups } });
    } catch (error) {
      setState({ phase: 'failed', error });
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}

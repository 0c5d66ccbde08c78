import { EwsClient } from '../server/src/exchange/ews/ews-client';
import { contactId } from './ews-client-fixtures';
import { SYNC_PAGE } from './ews-client-server';

export const GET_BATCH = 100;
export const OUR_USER_AGENT = 'Tandem-EWS/1.0';

export type ClientName = 'ours' | 'ews-javascript-api';
export type Operation = 'sync' | 'get';

export interface BenchClient {
  /** Each call fetches and decodes one response and checks every item was decoded. */
  readonly calls: Readonly<Record<Operation, () => Promise<void>>>;
  close(): void;
}

/**
 * The same requests for both clients: SyncFolderItems of the contacts folder with IdOnly,
 * and GetItem of the same 100 ids with BaseShape AllProperties (ews-javascript-api's
 * FirstClassProperties is sent as AllProperties). Each check reads a decoded value of
 * every item, so neither client can win by decoding lazily.
 */
export async function createBenchClient(name: ClientName, url: string): Promise<BenchClient> {
  const ids = Array.from({ length: GET_BATCH }, (_, n) => contactId(n));
  return name === 'ours' ? createOurs(url, ids) : createTheirs(url, ids);
}

function createOurs(url: string, ids: readonly string[]): BenchClient {
  const client = EwsClient.create({ url, credentials: { kind: 'basic', username: 'bench', password: 'bench' }, readBatchSize: GET_BATCH });
  return {
    calls: {
      async sync() {
        const result = await client.syncFolderItems({ folderId: { distinguished: 'contacts' }, maxChanges: SYNC_PAGE });
        const decoded = result.changes.filter((c) => 'item' in c && c.item.itemId?.id !== undefined).length;
        if (decoded !== SYNC_PAGE) throw new Error('our client decoded the wrong number of changes');
      },
      async get() {
        const outcomes = await client.getItem({ itemIds: ids.map((id) => ({ id })) });
        const decoded = outcomes.filter((o) => o.ok && o.value.type === 'contact' && o.value.emailAddresses?.EmailAddress1 !== undefined).length;
        if (decoded !== GET_BATCH) throw new Error('our client decoded the wrong number of items');
      },
    },
    close: () => client.close(),
  };
}

async function createTheirs(url: string, ids: readonly string[]): Promise<BenchClient> {
  const ews = await import('ews-javascript-api');
  const service = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013_SP1);
  service.Credentials = new ews.WebCredentials('bench', 'bench');
  service.Url = new ews.Uri(url);
  return {
    calls: {
      async sync() {
        const result = await service.SyncFolderItems(
          new ews.FolderId(ews.WellKnownFolderName.Contacts),
          ews.PropertySet.IdOnly,
          [],
          SYNC_PAGE,
          ews.SyncFolderItemsScope.NormalItems,
          '',
        );
        const decoded = result.GetEnumerator().filter((c) => c.ItemId?.UniqueId !== undefined).length;
        if (decoded !== SYNC_PAGE) throw new Error('ews-javascript-api decoded the wrong number of changes');
      },
      async get() {
        const responses = await service.BindToItems(
          ids.map((id) => new ews.ItemId(id)),
          new ews.PropertySet(ews.BasePropertySet.FirstClassProperties),
        );
        const decoded = responses.Responses.filter(
          (r) => r.Item instanceof ews.Contact && r.Item.EmailAddresses._getItem(ews.EmailAddressKey.EmailAddress1)?.Address,
        ).length;
        if (decoded !== GET_BATCH) throw new Error('ews-javascript-api decoded the wrong number of items');
      },
    },
    close: () => undefined,
  };
}

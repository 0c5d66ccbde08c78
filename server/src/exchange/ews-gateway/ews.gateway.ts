import type { Logger } from 'pino';
import { ExchangeError } from '../exchange-error';
import { EwsClient } from '../ews/ews-client';
import type { EwsCredentials } from '../ews/ews-auth';
import type { EwsItem } from '../ews/ews-types';
import type { HttpRequestFn } from '../ews/http-client';
import type { ResponseShape } from '../ews/response-shape';
import { DEFAULT_SERVER_VERSION, isEwsServerVersion } from '../ews/server-version';
import type {
  ChangeBatch,
  ExchangeChange,
  ExchangeConnection,
  ExchangeFolder,
  ExchangeGateway,
  ExchangeItem,
  ItemUpdate,
  ItemVersion,
  NewItem,
  Outcome,
  StampedItem,
} from '../exchange-gateway';
import type { NeutralItemType } from '../exchange-items';
import { crmIdProperty } from './crm-id-property';
import { buildFolderTree, wellKnownFolderNames } from './folder-tree.ews-mapper';
import { changesToEws, itemFromEws, newItemToEws } from './item.ews-mapper';
import { readOccurrenceDetails, writeOccurrenceExceptions } from './occurrence-writes';
import type { OccurrenceDetails } from './appointment.ews-mapper';

export interface EwsGatewayOptions {
  /** IANA zone that labels times EWS keeps as bare instants (task reminders). */
  readonly defaultTimeZone: string;
  readonly caCertPem?: string;
  /** OAuth authority override (the sandbox's token service); production uses Entra ID. */
  readonly oauthAuthority?: string;
  readonly request?: HttpRequestFn;
  readonly writeBatchSize?: number;
  readonly logger?: Logger;
}

const fullItemShape: ResponseShape = { baseShape: 'AllProperties', bodyType: 'Best', additionalProperties: [{ extended: crmIdProperty }] };
const stampShape: ResponseShape = { baseShape: 'IdOnly', additionalProperties: [{ extended: crmIdProperty }] };

export function credentialsOf(connection: ExchangeConnection, options: Pick<EwsGatewayOptions, 'oauthAuthority'>): EwsCredentials {
  if (connection.auth.method === 'basic') {
    return { kind: 'basic', username: connection.alternativeLoginName ?? connection.auth.username, password: connection.auth.password };
  }
  return { kind: 'oauth', tenantId: connection.auth.tenantId, clientId: connection.auth.clientId, clientSecret: connection.auth.clientSecret, authority: options.oauthAuthority };
}

/**
 * The EWS adapter of the Exchange port, built on the EWS client's operations. One
 * client per server login; each mailbox is reached by impersonation through it.
 */
export function createEwsGateway(connection: ExchangeConnection, options: EwsGatewayOptions): ExchangeGateway & { close(): void } {
  const base = EwsClient.create({
    url: connection.ewsUrl,
    credentials: credentialsOf(connection, options),
    version: isEwsServerVersion(connection.version) ? connection.version : DEFAULT_SERVER_VERSION,
    caCertPem: options.caCertPem,
    request: options.request,
    writeBatchSize: options.writeBatchSize,
    logger: options.logger,
  });
  const clients = new Map<string, EwsClient>();
  const clientFor = (mailbox: string): EwsClient => {
    let client = clients.get(mailbox);
    if (!client) {
      client = base.forMailbox(mailbox);
      clients.set(mailbox, client);
    }
    return client;
  };
  const toItem = (item: EwsItem, details: OccurrenceDetails): ExchangeItem | null => itemFromEws(item, options.defaultTimeZone, details);

  async function listFolders(mailbox: string): Promise<ExchangeFolder[]> {
    const client = clientFor(mailbox);
    const listing = await client.findFolder({ parentFolderId: { distinguished: 'msgfolderroot' }, traversal: 'Deep', shape: { baseShape: 'Default' } });
    const known = await client.getFolder({ folderIds: wellKnownFolderNames.map((name) => ({ distinguished: name })), shape: { baseShape: 'IdOnly' } });
    const wellKnownIds = new Map<string, string>();
    known.forEach((outcome, i) => {
      const name = wellKnownFolderNames[i];
      if (outcome.ok && name) wellKnownIds.set(outcome.value.folderId.id, name);
    });
    return buildFolderTree(listing.folders, wellKnownIds);
  }

  async function getItems(mailbox: string, _itemType: NeutralItemType, ids: readonly string[]): Promise<Outcome<ExchangeItem>[]> {
    if (ids.length === 0) return [];
    const client = clientFor(mailbox);
    const outcomes = await client.getItem({ itemIds: ids.map((id) => ({ id })), shape: fullItemShape });
    // Modified occurrences keep their own subject and location: one extra batch for the whole page.
    const details = await readOccurrenceDetails(client, outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : [])));
    return outcomes.map((outcome, i): Outcome<ExchangeItem> => {
      if (!outcome.ok) return outcome;
      const item = toItem(outcome.value, details);
      return item ? { ok: true, value: item } : { ok: false, error: unsupported(ids[i] ?? '') };
    });
  }

  async function syncFolder(mailbox: string, folderId: string, itemType: NeutralItemType, cursor: string | null, maxChanges: number): Promise<ChangeBatch> {
    const page = await clientFor(mailbox).syncFolderItems({ folderId: { id: folderId }, syncState: cursor ?? undefined, maxChanges, shape: { baseShape: 'IdOnly' } });
    const changed = page.changes.flatMap((change) => (change.kind === 'create' || change.kind === 'update') && change.item.itemId ? [change.item.itemId.id] : []);
    // SyncFolderItems never returns bodies: read the changed items in full, in batches.
    const fetched = await getItems(mailbox, itemType, [...new Set(changed)]);
    const byId = new Map(fetched.flatMap((outcome) => (outcome.ok ? [[outcome.value.id, outcome.value] as const] : [])));
    const changes: ExchangeChange[] = [];
    for (const change of page.changes) {
      if (change.kind === 'delete') changes.push({ type: 'remove', itemId: change.itemId.id });
      if (change.kind !== 'create' && change.kind !== 'update') continue;
      const id = change.item.itemId?.id;
      const item = id ? byId.get(id) : undefined;
      // Gone again before we could read it: the next page or run reports its delete.
      if (item) changes.push({ type: 'upsert', item });
    }
    return { changes, cursor: page.syncState, more: !page.includesLastItemInRange };
  }

  async function createItems(mailbox: string, folderId: string, items: readonly NewItem[]): Promise<Outcome<ItemVersion>[]> {
    if (items.length === 0) return [];
    const outcomes = await clientFor(mailbox).createItem({
      items: items.map((item) => newItemToEws(item.data, item.crmId)),
      savedItemFolderId: { id: folderId },
      sendMeetingInvitations: 'SendToNone',
    });
    const created = outcomes.map((outcome): Outcome<ItemVersion> => {
      if (!outcome.ok) return outcome;
      return outcome.value ? { ok: true, value: { id: outcome.value.id, changeKey: outcome.value.changeKey ?? '' } } : { ok: false, error: unsupported('created item without id') };
    });
    // C6: a series created with exceptions gets them on its occurrences right away.
    const results: Outcome<ItemVersion>[] = [];
    for (const [i, outcome] of created.entries()) {
      const data = items[i]?.data;
      const withExceptions = outcome.ok && data?.type === 'appointment' && data.recurrence !== null && data.exceptions.length > 0;
      results.push(withExceptions && data?.type === 'appointment' ? await writeOccurrenceExceptions(clientFor(mailbox), outcome.value.id, data.exceptions) : outcome);
    }
    return results;
  }

  async function updateItems(mailbox: string, updates: readonly ItemUpdate[]): Promise<Outcome<ItemVersion>[]> {
    if (updates.length === 0) return [];
    const masters = await updateMasters(mailbox, updates);
    // C6: occurrence exceptions are written on the occurrences, after their master; one
    // series after the other, as EWS budgets are charged per mailbox.
    const results: Outcome<ItemVersion>[] = [];
    for (const [i, outcome] of masters.entries()) {
      const update = updates[i];
      const withExceptions = outcome.ok && update?.data.type === 'appointment' && update.fields.includes('exceptions');
      results.push(withExceptions && update.data.type === 'appointment' ? await writeOccurrenceExceptions(clientFor(mailbox), outcome.value.id, update.data.exceptions) : outcome);
    }
    return results;
  }

  async function updateMasters(mailbox: string, updates: readonly ItemUpdate[]): Promise<Outcome<ItemVersion>[]> {
    const outcomes = await clientFor(mailbox).updateItem({
      updates: updates.map((update) => ({ itemId: { id: update.id, changeKey: update.changeKey }, set: changesToEws(update.data, update.fields, update.crmId) })),
      conflictResolution: 'NeverOverwrite',
      sendMeetingInvitationsOrCancellations: 'SendToNone',
    });
    return outcomes.map((outcome): Outcome<ItemVersion> => (outcome.ok ? { ok: true, value: { id: outcome.value.itemId.id, changeKey: outcome.value.itemId.changeKey ?? '' } } : outcome));
  }

  async function deleteItems(mailbox: string, ids: readonly string[]): Promise<Outcome<null>[]> {
    if (ids.length === 0) return [];
    const outcomes = await clientFor(mailbox).deleteItem({ itemIds: ids.map((id) => ({ id })), deleteType: 'MoveToDeletedItems', sendMeetingCancellations: 'SendToNone', affectedTaskOccurrences: 'AllOccurrences' });
    // An item that is already gone is what a delete wants.
    return outcomes.map((outcome): Outcome<null> => (outcome.ok || outcome.error.kind === 'not-found' ? { ok: true, value: null } : outcome));
  }

  /**
   * FindItem restrictions are not part of the EWS client, so each folder is read with
   * ids and stamps only (1,000 per page). Used on rare paths: healing an interrupted
   * create, telling a move from a delete, re-finding pairs before creating.
   */
  async function findByCrmIds(mailbox: string, folderIds: readonly string[], crmIds: readonly string[]): Promise<StampedItem[]> {
    if (crmIds.length === 0) return [];
    const wanted = new Set(crmIds);
    const found: StampedItem[] = [];
    for (const folderId of folderIds) {
      for await (const page of clientFor(mailbox).findAllItems({ folderId: { id: folderId }, shape: stampShape })) {
        for (const item of page) {
          const stamp = item.extendedProperties?.find((property) => property.path.propertyName === crmIdProperty.propertyName)?.value;
          if (stamp && wanted.has(stamp) && item.itemId) found.push({ id: item.itemId.id, changeKey: item.itemId.changeKey ?? '', folderId, crmId: stamp });
        }
      }
    }
    return found;
  }

  return { listFolders, syncFolder, getItems, createItems, updateItems, deleteItems, findByCrmIds, close: () => base.close() };
}

function unsupported(what: string): ExchangeError {
  return new ExchangeError('invalid-request', `Exchange returned an item the sync does not handle (${what})`);
}

import type { ExchangeError } from './exchange-error';
import type { NeutralItem, NeutralItemType } from './exchange-items';

/**
 * The Exchange port (ARCHITECTURE principle 1). The sync engine and the admin services
 * talk to Exchange only through this interface; the EWS adapter implements it today and
 * a Graph adapter must be able to implement it without any engine change. Every method
 * names the mailbox it acts on; the adapter handles impersonation and anchoring.
 */

export type FolderClass = 'contacts' | 'calendar' | 'tasks' | 'mail' | 'other';

export interface ExchangeFolder {
  readonly id: string;
  readonly parentId: string | null;
  readonly displayName: string;
  /** Display names from below the mailbox root down to this folder. */
  readonly path: readonly string[];
  readonly folderClass: FolderClass;
  /** `contacts`, `calendar`, `tasks`… when this is a well-known folder. */
  readonly wellKnownName: string | null;
}

/** The version of an item as the server last reported it. */
export interface ItemVersion {
  readonly id: string;
  /** Opaque; changes on every write, so it doubles as the item's version (EWS ChangeKey, Graph @odata.etag). */
  readonly changeKey: string;
}

export interface ExchangeItem<T extends NeutralItem = NeutralItem> extends ItemVersion {
  readonly folderId: string;
  /** The CRM id stamped on the item as an extended property (C3), when it has one. */
  readonly crmId: string | null;
  /** ISO instant of the last modification, for "only changes after the rule was created". */
  readonly lastModified: string;
  readonly data: T;
}

export type ExchangeChange =
  | { readonly type: 'upsert'; readonly item: ExchangeItem }
  /**
   * The item left the folder. EWS reports a move like a delete (the item id changes), so
   * the engine looks the item up by its stamped CRM id to tell a delete from a move.
   */
  | { readonly type: 'remove'; readonly itemId: string };

/** One page of a folder's changes since `cursor`; keep the returned cursor only after acting on the page. */
export interface ChangeBatch {
  readonly changes: readonly ExchangeChange[];
  readonly cursor: string;
  /** More changes wait behind this page (EWS IncludesLastItemInRange false, Graph nextLink). */
  readonly more: boolean;
}

/** Batches answer one outcome per input, in input order (principle 3). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ExchangeError };

export interface NewItem {
  readonly crmId: string;
  readonly data: NeutralItem;
}

export interface ItemUpdate {
  readonly id: string;
  /** Write only if the item is still at this version; otherwise the outcome is a `conflict`. */
  readonly changeKey: string;
  readonly data: NeutralItem;
  /** Top-level fields of `data` to write; the others stay as they are on the server. */
  readonly fields: readonly string[];
  /** Stamps or re-stamps the CRM id (C3) together with the update. */
  readonly crmId: string;
}

export interface StampedItem extends ItemVersion {
  readonly folderId: string;
  readonly crmId: string;
}

export interface ExchangeGateway {
  /** The mailbox's whole folder tree below the root, parents before children. */
  listFolders(mailbox: string): Promise<ExchangeFolder[]>;
  /** Changes of one folder since `cursor` (null: from the beginning), items complete with bodies. */
  syncFolder(mailbox: string, folderId: string, itemType: NeutralItemType, cursor: string | null, maxChanges: number): Promise<ChangeBatch>;
  getItems(mailbox: string, itemType: NeutralItemType, ids: readonly string[]): Promise<Outcome<ExchangeItem>[]>;
  /** Creates items stamped with their CRM ids. Appointments are saved without sending invitations. */
  createItems(mailbox: string, folderId: string, items: readonly NewItem[]): Promise<Outcome<ItemVersion>[]>;
  /** Never sends meeting updates to attendees. */
  updateItems(mailbox: string, updates: readonly ItemUpdate[]): Promise<Outcome<ItemVersion>[]>;
  /** Moves items to Deleted Items without sending cancellations; an item already gone counts as deleted. */
  deleteItems(mailbox: string, ids: readonly string[]): Promise<Outcome<null>[]>;
  /** Finds items by their stamped CRM id in the given folders, to re-find a lost pair instead of duplicating it. */
  findByCrmIds(mailbox: string, folderIds: readonly string[], crmIds: readonly string[]): Promise<StampedItem[]>;
}

/** The connection data an adapter needs; chosen and built in exactly one place (the gateway factory). */
export interface ExchangeConnection {
  readonly serverId: string;
  readonly serverType: 'on-premises' | 'exchange-online';
  readonly ewsUrl: string;
  readonly version: string;
  readonly alternativeLoginName: string | null;
  readonly auth:
    | { readonly method: 'oauth2'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
    | { readonly method: 'basic'; readonly username: string; readonly password: string };
}

export type ExchangeGatewayFactory = (connection: ExchangeConnection) => ExchangeGateway;

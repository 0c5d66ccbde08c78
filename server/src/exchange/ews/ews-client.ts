import type { Logger } from 'pino';
import { ExchangeError } from '../exchange-error';
import { convertId, type AlternateId, type ConvertIdArgs } from './convert-id';
import { createItem, type CreateItemArgs } from './create-item';
import { deleteItem, type DeleteItemArgs } from './delete-item';
import { createAuthProvider, type AuthProvider, type EwsCredentials } from './ews-auth';
import type { EwsCall } from './ews-call';
import type { EwsFolder, EwsItem, FolderRef, ItemRef } from './ews-types';
import { createEwsCall } from './ews-transport';
import { findAllItems, findItem, type FindItemArgs, type FindItemResult } from './find-item';
import { findFolder, type FindFolderArgs, type FindFolderResult } from './find-folder';
import { getFolder, type GetFolderArgs } from './get-folder';
import { getItem, type GetItemArgs } from './get-item';
import { createHttpClient, type HttpClient, type HttpRequestFn } from './http-client';
import type { Outcome } from './outcome';
import type { ResponseShape } from './response-shape';
import { DEFAULT_SERVER_VERSION, type EwsServerVersion } from './server-version';
import { syncFolderHierarchy, type SyncFolderHierarchyArgs, type SyncFolderHierarchyResult } from './sync-folder-hierarchy';
import { syncFolderItems, type SyncFolderItemsArgs, type SyncFolderItemsResult } from './sync-folder-items';
import { updateItem, type UpdateItemArgs, type UpdatedItem } from './update-item';

export interface EwsClientOptions {
  readonly url: string;
  readonly credentials: EwsCredentials;
  readonly version?: EwsServerVersion;
  /** SMTP address of the mailbox to act as (ExchangeImpersonation + X-AnchorMailbox). */
  readonly impersonate?: string;
  readonly timeZoneId?: string;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Extra trusted CA (PEM) for on-premises PKI or the sandbox. */
  readonly caCertPem?: string;
  /** Replaces the HTTP layer entirely (tests). */
  readonly request?: HttpRequestFn;
  /** Items per GetItem call. */
  readonly readBatchSize?: number;
  /** Items per CreateItem/UpdateItem/DeleteItem call; Microsoft recommends about 10 for writes. */
  readonly writeBatchSize?: number;
  readonly logger?: Logger;
}

export const DEFAULT_READ_BATCH_SIZE = 100;
export const DEFAULT_WRITE_BATCH_SIZE = 10;

interface SharedParts {
  readonly request: HttpRequestFn;
  readonly auth: AuthProvider;
  readonly http?: HttpClient;
}

/**
 * One EWS endpoint + identity + (optionally) impersonated mailbox. Large batches are
 * split into calls of the configured size; outcomes come back one per input, in order.
 */
export class EwsClient {
  readonly call: EwsCall;
  private readonly readBatchSize: number;
  private readonly writeBatchSize: number;

  private constructor(
    private readonly options: EwsClientOptions,
    private readonly shared: SharedParts,
  ) {
    this.readBatchSize = checkBatchSize(options.readBatchSize ?? DEFAULT_READ_BATCH_SIZE);
    this.writeBatchSize = checkBatchSize(options.writeBatchSize ?? DEFAULT_WRITE_BATCH_SIZE);
    this.call = createEwsCall({
      url: options.url,
      auth: shared.auth,
      request: shared.request,
      version: options.version ?? DEFAULT_SERVER_VERSION,
      impersonation: options.impersonate ? { primarySmtpAddress: options.impersonate } : undefined,
      timeZoneId: options.timeZoneId,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      logger: options.logger,
    });
  }

  static create(options: EwsClientOptions): EwsClient {
    const http = options.request ? undefined : createHttpClient({ caCertPem: options.caCertPem });
    const request = options.request ?? (http as HttpClient).request;
    const auth = createAuthProvider(options.credentials, { request: options.caCertPem || options.request ? request : undefined });
    return new EwsClient(options, { request, auth, http });
  }

  /** The same endpoint and login acting as another mailbox (shares sockets and token). */
  forMailbox(smtpAddress: string): EwsClient {
    return new EwsClient({ ...this.options, impersonate: smtpAddress }, { ...this.shared, http: undefined });
  }

  getFolder(args: GetFolderArgs): Promise<Outcome<EwsFolder>[]> {
    return getFolder(this.call, args);
  }

  findFolder(args: FindFolderArgs): Promise<FindFolderResult> {
    return findFolder(this.call, args);
  }

  syncFolderHierarchy(args: SyncFolderHierarchyArgs): Promise<SyncFolderHierarchyResult> {
    return syncFolderHierarchy(this.call, args);
  }

  syncFolderItems(args: SyncFolderItemsArgs): Promise<SyncFolderItemsResult> {
    return syncFolderItems(this.call, args);
  }

  findItem(args: FindItemArgs): Promise<FindItemResult> {
    return findItem(this.call, args);
  }

  findAllItems(args: { folderId: FolderRef; pageSize?: number; shape?: ResponseShape }): AsyncGenerator<EwsItem[]> {
    return findAllItems(this.call, args);
  }

  getItem(args: GetItemArgs): Promise<Outcome<EwsItem>[]> {
    return inChunks(args.itemIds, this.readBatchSize, (itemIds) => getItem(this.call, { ...args, itemIds }));
  }

  createItem(args: CreateItemArgs): Promise<Outcome<ItemRef | undefined>[]> {
    return inChunks(args.items, this.writeBatchSize, (items) => createItem(this.call, { ...args, items }));
  }

  updateItem(args: UpdateItemArgs): Promise<Outcome<UpdatedItem>[]> {
    return inChunks(args.updates, this.writeBatchSize, (updates) => updateItem(this.call, { ...args, updates }));
  }

  deleteItem(args: DeleteItemArgs): Promise<Outcome<true>[]> {
    return inChunks(args.itemIds, this.writeBatchSize, (itemIds) => deleteItem(this.call, { ...args, itemIds }));
  }

  convertId(args: ConvertIdArgs): Promise<Outcome<AlternateId>[]> {
    return inChunks(args.ids, this.readBatchSize, (ids) => convertId(this.call, { ...args, ids }));
  }

  close(): void {
    this.shared.http?.close();
  }
}

function checkBatchSize(size: number): number {
  if (!Number.isInteger(size) || size < 1) throw new ExchangeError('invalid-request', 'Batch sizes must be positive integers');
  return size;
}

/** Sequential on purpose: EWS budgets are charged per mailbox, parallel calls only get throttled. */
async function inChunks<T, R>(inputs: readonly T[], size: number, run: (chunk: readonly T[]) => Promise<R[]>): Promise<R[]> {
  if (inputs.length <= size) return run(inputs);
  const out: R[] = [];
  for (let i = 0; i < inputs.length; i += size) out.push(...(await run(inputs.slice(i, i + size))));
  return out;
}

/**
 * FindItem: items in a folder, paged (IndexedPageItemView) or expanded into occurrences
 * within a window (CalendarView). Exchange caps a page at 1,000 items.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/finditem-operation
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-perform-paged-searches-by-using-ews-in-exchange
 */
import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { descend, firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import type { EwsItem, FolderRef } from './ews-types';
import { buildFolderId, checkFolderRef } from './ids-xml';
import { readItem } from './item-xml';
import { readSingleResponseMessage } from './response-messages';
import { buildItemShape, type ResponseShape } from './response-shape';

export const MAX_FIND_ITEM_PAGE = 1000;

export type FindItemView =
  | { readonly kind: 'paged'; readonly maxEntries: number; readonly offset?: number }
  /** Occurrences of recurring series expanded between start and end (xs:dateTime). */
  | { readonly kind: 'calendar'; readonly start: string; readonly end: string; readonly maxEntries?: number };

export interface FindItemArgs {
  readonly folderId: FolderRef;
  readonly view: FindItemView;
  readonly shape?: ResponseShape;
}

export interface FindItemResult {
  readonly items: EwsItem[];
  readonly includesLastItemInRange: boolean;
  readonly totalItemsInView?: number;
  /** Offset of the next page, when the server reports one. */
  readonly nextOffset?: number;
}

function buildView(view: FindItemView): XmlNode {
  if (view.kind === 'calendar') {
    if (Number.isNaN(Date.parse(view.start)) || Number.isNaN(Date.parse(view.end)) || Date.parse(view.start) > Date.parse(view.end)) {
      throw new ExchangeError('invalid-request', 'FindItem calendar view needs valid start and end date-times with start before end');
    }
    return el('m:CalendarView', { MaxEntriesReturned: view.maxEntries, StartDate: view.start, EndDate: view.end });
  }
  if (!Number.isInteger(view.maxEntries) || view.maxEntries < 1 || view.maxEntries > MAX_FIND_ITEM_PAGE) {
    throw new ExchangeError('invalid-request', `FindItem page size must be an integer from 1 to ${MAX_FIND_ITEM_PAGE}`);
  }
  const offset = view.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new ExchangeError('invalid-request', 'FindItem offset must be a non-negative integer');
  return el('m:IndexedPageItemView', { MaxEntriesReturned: view.maxEntries, Offset: offset, BasePoint: 'Beginning' });
}

export function buildFindItemRequest(args: FindItemArgs): XmlNode {
  checkFolderRef(args.folderId, 'FindItem');
  return el('m:FindItem', { Traversal: 'Shallow' }, [
    buildItemShape(args.shape ?? { baseShape: 'IdOnly' }),
    buildView(args.view),
    el('m:ParentFolderIds', {}, [buildFolderId(args.folderId)]),
  ]);
}

export function parseFindItemResponse(response: XmlElement): FindItemResult {
  const message = readSingleResponseMessage(response, 'FindItem');
  const root = firstChild(message, NS.messages, 'RootFolder');
  const items = (descend(root, NS.types, 'Items')?.children ?? []).filter((c) => c.ns === NS.types).map(readItem);
  const total = root?.attrs['TotalItemsInView'];
  const next = root?.attrs['IndexedPagingOffset'];
  return {
    items,
    includesLastItemInRange: root?.attrs['IncludesLastItemInRange'] !== 'false',
    totalItemsInView: total === undefined ? undefined : Number(total),
    nextOffset: next === undefined ? undefined : Number(next),
  };
}

export async function findItem(call: EwsCall, args: FindItemArgs): Promise<FindItemResult> {
  return parseFindItemResponse(await call(buildFindItemRequest(args)));
}

/**
 * Pages through a whole folder. The next offset is the server's `IndexedPagingOffset`
 * when given, else the count read so far; a page that does not advance stops the loop
 * so a misbehaving server cannot make it spin.
 */
export async function* findAllItems(
  call: EwsCall,
  args: { readonly folderId: FolderRef; readonly pageSize?: number; readonly shape?: ResponseShape },
): AsyncGenerator<EwsItem[]> {
  const pageSize = args.pageSize ?? MAX_FIND_ITEM_PAGE;
  let offset = 0;
  for (;;) {
    const page = await findItem(call, { folderId: args.folderId, shape: args.shape, view: { kind: 'paged', maxEntries: pageSize, offset } });
    if (page.items.length > 0) yield page.items;
    const next = page.nextOffset ?? offset + page.items.length;
    if (page.includesLastItemInRange || page.items.length === 0 || next <= offset) return;
    offset = next;
  }
}

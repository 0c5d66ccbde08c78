import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { firstChild } from '../../../server/src/xml/xml-element';
import type { StoredItem } from '../../store/store-types';
import { folderRefs, resolveFolder } from '../folder-ids';
import { renderItem } from '../item-render';
import { readShape } from '../item-shape';
import type { OperationHandler } from '../operation-context';
import { applyPage, readIndexedPage } from '../paging';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { schemaError, statusOf } from '../status';

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/finditem-operation
 * Shallow traversal with IndexedPageItemView paging (newest first, as Exchange's
 * default sort by DateTimeReceived) or CalendarView (items overlapping the window,
 * recurring masters included as-is: the sandbox does not expand series).
 */
export const findItem: OperationHandler = (ctx) => {
  const traversal = ctx.body.attrs.Traversal ?? 'Shallow';
  if (traversal !== 'Shallow' && traversal !== 'SoftDeleted' && traversal !== 'Associated') throw schemaError(`Traversal '${traversal}' is not valid.`);
  const shape = readShape(firstChild(ctx.body, NS.messages, 'ItemShape'));
  const page = readIndexedPage(ctx.body, 'IndexedPageItemView');
  const calendarView = firstChild(ctx.body, NS.messages, 'CalendarView');
  const messages = folderRefs(firstChild(ctx.body, NS.messages, 'ParentFolderIds')).map((ref) => {
    try {
      const folder = resolveFolder(ctx, ref);
      let items = traversal === 'Shallow' ? ctx.store.itemsIn(ctx.mailbox, folder.id) : [];
      items.sort((a, b) => b.created.getTime() - a.created.getTime() || (a.id < b.id ? -1 : 1));
      if (calendarView) items = inWindow(items, calendarView.attrs.StartDate ?? '', calendarView.attrs.EndDate ?? '', calendarView.attrs.MaxEntriesReturned);
      const { slice, attrs } = applyPage(items, page);
      return responseMessage('FindItemResponseMessage', SUCCESS, [
        el('m:RootFolder', attrs, [el('t:Items', {}, slice.map((i) => renderItem(ctx.store, i, shape)))]),
      ]);
    } catch (err) {
      return responseMessage('FindItemResponseMessage', statusOf(err));
    }
  });
  return el('m:FindItemResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

function inWindow(items: StoredItem[], startText: string, endText: string, maxText: string | undefined): StoredItem[] {
  const start = new Date(startText).getTime();
  const end = new Date(endText).getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw schemaError('CalendarView needs StartDate and EndDate.');
  const hits = items
    .filter((i) => i.kind === 'CalendarItem')
    .filter((i) => new Date(i.fields.get('Start')?.text ?? '').getTime() < end && new Date(i.fields.get('End')?.text ?? '').getTime() > start)
    .sort((a, b) => (a.fields.get('Start')?.text ?? '').localeCompare(b.fields.get('Start')?.text ?? ''));
  const max = maxText === undefined ? undefined : Number(maxText);
  return max !== undefined && Number.isInteger(max) && max > 0 ? hits.slice(0, max) : hits;
}

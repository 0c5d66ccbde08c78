import { NS } from '../../../server/src/xml/namespaces';
import { el, type XmlNode } from '../../../server/src/xml/render-xml';
import { childrenNamed, childText, firstChild } from '../../../server/src/xml/xml-element';
import type { NetChange } from '../../store/change-log';
import { folderRefs, resolveFolder } from '../folder-ids';
import { renderItem } from '../item-render';
import { readShape, type ItemShape } from '../item-shape';
import type { OperationContext, OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { schemaError, statusOf } from '../status';
import { decodeSyncState, encodeSyncState } from '../sync-state';

const MESSAGE = 'SyncFolderItemsResponseMessage';

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation
 * Each call returns changes after the sequence in SyncState, oldest first, at most
 * MaxChangesReturned; the new SyncState covers exactly what was returned, so a change
 * made after a state was issued is reported once, in a later call.
 */
export const syncFolderItems: OperationHandler = (ctx) => {
  const shape = readShape(firstChild(ctx.body, NS.messages, 'ItemShape'));
  const max = Number(childText(ctx.body, NS.messages, 'MaxChangesReturned')?.trim());
  // MaxSyncChangesReturnedType restricts the value to 1..512.
  if (!Number.isInteger(max) || max < 1 || max > 512) throw schemaError('MaxChangesReturned must be an integer from 1 to 512.');
  const ref = folderRefs(firstChild(ctx.body, NS.messages, 'SyncFolderId'))[0];
  if (!ref) throw schemaError('SyncFolderId is required.');
  let message: XmlNode;
  try {
    message = syncOnce(ctx, resolveFolder(ctx, ref).id, shape, max);
  } catch (err) {
    message = responseMessage(MESSAGE, statusOf(err));
  }
  return el('m:SyncFolderItemsResponse', {}, [el('m:ResponseMessages', {}, [message])]);
};

function syncOnce(ctx: OperationContext, folderId: string, shape: ItemShape, max: number): XmlNode {
  const stateText = childText(ctx.body, NS.messages, 'SyncState')?.trim() ?? '';
  let since = 0;
  if (stateText !== '') {
    const position = decodeSyncStateSafely(ctx, stateText);
    if (!position || position.epoch !== ctx.store.epoch || position.scope !== folderId) {
      return responseMessage(MESSAGE, { code: 'ErrorInvalidSyncStateData', message: 'Synchronization state data is corrupt or otherwise invalid.' }, [
        el('m:SyncState', {}),
        el('m:IncludesLastItemInRange', {}, true),
      ]);
    }
    since = position.seq;
  }
  const ignored = new Set(childrenNamed(firstChild(ctx.body, NS.messages, 'Ignore'), NS.types, 'ItemId').map((i) => (i.attrs.Id ?? '').trim()));
  const { changes, more, throughSeq } = ctx.store.itemLog(folderId).changesSince(since, max);
  const rendered = changes.filter((c) => !ignored.has(c.id)).map((c) => renderChange(ctx, c, shape));
  return responseMessage(MESSAGE, SUCCESS, [
    el('m:SyncState', {}, encodeSyncState(ctx.syncKey, { epoch: ctx.store.epoch, scope: folderId, seq: throughSeq })),
    el('m:IncludesLastItemInRange', {}, !more),
    el('m:Changes', {}, rendered),
  ]);
}

function decodeSyncStateSafely(ctx: OperationContext, state: string): ReturnType<typeof decodeSyncState> {
  try {
    return decodeSyncState(ctx.syncKey, state);
  } catch {
    return undefined;
  }
}

function renderChange(ctx: OperationContext, change: NetChange, shape: ItemShape): XmlNode {
  if (change.type === 'Delete') return el('t:Delete', {}, [el('t:ItemId', { Id: change.id })]);
  const item = ctx.mailbox.items.get(change.id);
  if (!item) return el('t:Delete', {}, [el('t:ItemId', { Id: change.id })]);
  if (change.type === 'ReadFlagChange') {
    return el('t:ReadFlagChange', {}, [el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey }), el('t:IsRead', {}, item.isRead)]);
  }
  return el(`t:${change.type}`, {}, [renderItem(ctx.store, item, shape)]);
}

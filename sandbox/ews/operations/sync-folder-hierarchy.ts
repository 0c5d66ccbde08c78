import { NS } from '../../../server/src/xml/namespaces';
import { el, type XmlNode } from '../../../server/src/xml/render-xml';
import { childText, firstChild } from '../../../server/src/xml/xml-element';
import type { NetChange } from '../../store/change-log';
import { folderRefs, resolveFolder } from '../folder-ids';
import { renderFolder } from '../folder-render';
import { readShape, type ItemShape } from '../item-shape';
import type { OperationContext, OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { statusOf } from '../status';
import { decodeSyncState, encodeSyncState } from '../sync-state';
import { descendants } from './find-folder';

const MESSAGE = 'SyncFolderHierarchyResponseMessage';

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
 * Reports folder creates/updates/deletes below SyncFolderId (the whole mailbox when absent).
 */
export const syncFolderHierarchy: OperationHandler = (ctx) => {
  let message: XmlNode;
  try {
    message = syncHierarchy(ctx, readShape(firstChild(ctx.body, NS.messages, 'FolderShape')));
  } catch (err) {
    message = responseMessage(MESSAGE, statusOf(err));
  }
  return el('m:SyncFolderHierarchyResponse', {}, [el('m:ResponseMessages', {}, [message])]);
};

function syncHierarchy(ctx: OperationContext, shape: ItemShape): XmlNode {
  const ref = folderRefs(firstChild(ctx.body, NS.messages, 'SyncFolderId'))[0];
  const top = ref ? resolveFolder(ctx, ref) : ctx.store.distinguishedFolder(ctx.mailbox, 'root');
  const scope = `${ctx.mailbox.smtpAddress.toLowerCase()}/${top.id}`;
  const stateText = childText(ctx.body, NS.messages, 'SyncState')?.trim() ?? '';
  let since = 0;
  if (stateText !== '') {
    let position: ReturnType<typeof decodeSyncState>;
    try {
      position = decodeSyncState(ctx.syncKey, stateText);
    } catch {
      position = undefined;
    }
    if (!position || position.epoch !== ctx.store.epoch || position.scope !== scope) {
      return responseMessage(MESSAGE, { code: 'ErrorInvalidSyncStateData', message: 'Synchronization state data is corrupt or otherwise invalid.' }, [
        el('m:SyncState', {}),
        el('m:IncludesLastFolderInRange', {}, true),
      ]);
    }
    since = position.seq;
  }
  const inScope = new Set(descendants(ctx.store, ctx.mailbox, top).map((f) => f.id));
  const { changes, throughSeq } = ctx.store.hierarchyLog(ctx.mailbox).changesSince(since, Number.MAX_SAFE_INTEGER);
  const rendered = changes.filter((c) => c.type === 'Delete' || inScope.has(c.id)).map((c) => renderChange(ctx, c, shape));
  return responseMessage(MESSAGE, SUCCESS, [
    el('m:SyncState', {}, encodeSyncState(ctx.syncKey, { epoch: ctx.store.epoch, scope, seq: throughSeq })),
    el('m:IncludesLastFolderInRange', {}, true),
    el('m:Changes', {}, rendered),
  ]);
}

function renderChange(ctx: OperationContext, change: NetChange, shape: ItemShape): XmlNode {
  const folder = ctx.mailbox.folders.get(change.id);
  if (change.type === 'Delete' || !folder) return el('t:Delete', {}, [el('t:FolderId', { Id: change.id })]);
  return el(change.type === 'Create' ? 't:Create' : 't:Update', {}, [renderFolder(ctx.store, ctx.mailbox, folder, shape)]);
}

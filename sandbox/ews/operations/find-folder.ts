import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { firstChild } from '../../../server/src/xml/xml-element';
import type { MailboxStore } from '../../store/mailbox-store';
import type { Mailbox, StoredFolder } from '../../store/store-types';
import { folderRefs, resolveFolder } from '../folder-ids';
import { renderFolder } from '../folder-render';
import { readShape } from '../item-shape';
import type { OperationHandler } from '../operation-context';
import { applyPage, readIndexedPage } from '../paging';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { schemaError, statusOf } from '../status';

/** https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/findfolder-operation */
export const findFolder: OperationHandler = (ctx) => {
  const traversal = ctx.body.attrs.Traversal ?? 'Shallow';
  if (traversal !== 'Shallow' && traversal !== 'Deep' && traversal !== 'SoftDeleted') throw schemaError(`Traversal '${traversal}' is not valid.`);
  const shape = readShape(firstChild(ctx.body, NS.messages, 'FolderShape'));
  const page = readIndexedPage(ctx.body, 'IndexedPageFolderView');
  const messages = folderRefs(firstChild(ctx.body, NS.messages, 'ParentFolderIds')).map((ref) => {
    try {
      const parent = resolveFolder(ctx, ref);
      const found = traversal === 'Deep' ? descendants(ctx.store, ctx.mailbox, parent) : traversal === 'Shallow' ? ctx.store.childFolders(ctx.mailbox, parent.id) : [];
      const { slice, attrs } = applyPage(found, page);
      return responseMessage('FindFolderResponseMessage', SUCCESS, [
        el('m:RootFolder', attrs, [el('t:Folders', {}, slice.map((f) => renderFolder(ctx.store, ctx.mailbox, f, shape)))]),
      ]);
    } catch (err) {
      return responseMessage('FindFolderResponseMessage', statusOf(err));
    }
  });
  return el('m:FindFolderResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

/** Depth-first, parents before children, as Exchange lists a Deep traversal. */
export function descendants(store: MailboxStore, mailbox: Mailbox, parent: StoredFolder): StoredFolder[] {
  const out: StoredFolder[] = [];
  for (const child of store.childFolders(mailbox, parent.id)) {
    out.push(child, ...descendants(store, mailbox, child));
  }
  return out;
}

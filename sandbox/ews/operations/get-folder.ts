import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { firstChild } from '../../../server/src/xml/xml-element';
import { folderRefs, resolveFolder } from '../folder-ids';
import { renderFolder } from '../folder-render';
import { readShape } from '../item-shape';
import type { OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { statusOf } from '../status';

/** https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getfolder-operation */
export const getFolder: OperationHandler = (ctx) => {
  const shape = readShape(firstChild(ctx.body, NS.messages, 'FolderShape'));
  const messages = folderRefs(firstChild(ctx.body, NS.messages, 'FolderIds')).map((ref) => {
    try {
      const folder = resolveFolder(ctx, ref);
      return responseMessage('GetFolderResponseMessage', SUCCESS, [el('m:Folders', {}, [renderFolder(ctx.store, ctx.mailbox, folder, shape)])]);
    } catch (err) {
      return responseMessage('GetFolderResponseMessage', statusOf(err));
    }
  });
  return el('m:GetFolderResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

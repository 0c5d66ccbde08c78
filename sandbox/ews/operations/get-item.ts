import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { firstChild } from '../../../server/src/xml/xml-element';
import { resolveItem } from '../item-ids';
import { renderItem } from '../item-render';
import { readShape } from '../item-shape';
import type { OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { statusOf, storeError } from '../status';

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitem-operation
 * One response message per requested id, in request order; a missing item fails alone.
 */
export const getItem: OperationHandler = (ctx) => {
  const shapeElement = firstChild(ctx.body, NS.messages, 'ItemShape');
  const shape = readShape(shapeElement);
  const wantsMime = firstChild(shapeElement, NS.types, 'IncludeMimeContent')?.text.trim() === 'true';
  const ids = firstChild(ctx.body, NS.messages, 'ItemIds')?.children ?? [];
  const messages = ids.map((ref) => {
    try {
      const item = resolveItem(ctx, ref);
      // The sandbox keeps no MIME; Exchange answers the same for contacts, which have none.
      if (wantsMime && item.kind !== 'Message') throw storeError('ErrorUnsupportedMimeConversion', 'Mime conversion is not supported for this item type.');
      return responseMessage('GetItemResponseMessage', SUCCESS, [el('m:Items', {}, [renderItem(ctx.store, item, shape)])]);
    } catch (err) {
      return responseMessage('GetItemResponseMessage', statusOf(err), [el('m:Items', {})]);
    }
  });
  return el('m:GetItemResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

/**
 * GetItem: full items by id, many per call; one outcome per id, in order.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitem-operation
 */
import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import type { EwsItem, ItemRef } from './ews-types';
import { buildItemId, checkItemRefs } from './ids-xml';
import { readItem } from './item-xml';
import { mapOutcome, type Outcome } from './outcome';
import { alignOutcomes, readResponseMessages } from './response-messages';
import { buildItemShape, type ResponseShape } from './response-shape';

export interface GetItemArgs {
  readonly itemIds: readonly ItemRef[];
  readonly shape?: ResponseShape;
}

export function buildGetItemRequest(args: GetItemArgs): XmlNode {
  checkItemRefs(args.itemIds, 'GetItem');
  return el('m:GetItem', {}, [
    buildItemShape(args.shape ?? { baseShape: 'AllProperties' }),
    el('m:ItemIds', {}, args.itemIds.map((ref) => buildItemId(ref))),
  ]);
}

export function readFirstItem(message: XmlElement, operation: string): XmlElement {
  const item = firstChild(message, NS.messages, 'Items')?.children.find((c) => c.ns === NS.types);
  if (!item) throw new ExchangeError('unknown', `${operation} succeeded without returning an item`);
  return item;
}

export function parseGetItemResponse(response: XmlElement): Outcome<EwsItem>[] {
  return readResponseMessages(response, 'GetItem').map((outcome) => mapOutcome(outcome, (message) => readItem(readFirstItem(message, 'GetItem'))));
}

export async function getItem(call: EwsCall, args: GetItemArgs): Promise<Outcome<EwsItem>[]> {
  const request = buildGetItemRequest(args);
  return alignOutcomes(parseGetItemResponse(await call(request)), args.itemIds.length, 'GetItem');
}

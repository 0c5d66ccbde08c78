import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { childrenNamed, firstChild } from '../../../server/src/xml/xml-element';
import type { OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { schemaError, statusOf, storeError } from '../status';

const FORMATS = ['EwsId', 'EwsLegacyId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'];

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/convertid-operation
 * Sandbox ids have one canonical form (EwsId); EntryId/HexEntryId are its bytes in
 * base64/hex, which round-trips every conversion the product makes.
 */
export const convertId: OperationHandler = (ctx) => {
  const destination = ctx.body.attrs.DestinationFormat ?? '';
  if (!FORMATS.includes(destination)) throw schemaError(`DestinationFormat '${destination}' is not valid.`);
  const ids = childrenNamed(firstChild(ctx.body, NS.messages, 'SourceIds'), NS.types, 'AlternateId');
  const messages = ids.map((source) => {
    try {
      const canonical = toCanonical(source.attrs.Id ?? '', source.attrs.Format ?? '');
      const found = ctx.store.lookupItem(canonical)?.mailbox ?? ctx.store.lookupFolder(canonical)?.mailbox;
      if (!found) throw storeError('ErrorItemNotFound', 'The specified object was not found in the store.');
      return responseMessage('ConvertIdResponseMessage', SUCCESS, [
        el('m:AlternateId', { 'xsi:type': 't:AlternateIdType', 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', Format: destination, Id: fromCanonical(canonical, destination), Mailbox: found.smtpAddress }),
      ]);
    } catch (err) {
      return responseMessage('ConvertIdResponseMessage', statusOf(err));
    }
  });
  return el('m:ConvertIdResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

function toCanonical(id: string, format: string): string {
  if (format === 'HexEntryId') return Buffer.from(id, 'hex').toString('base64');
  return id;
}

function fromCanonical(id: string, format: string): string {
  if (format === 'HexEntryId') return Buffer.from(id, 'base64').toString('hex').toUpperCase();
  return id;
}

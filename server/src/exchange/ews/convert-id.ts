/**
 * ConvertId: between EWS ids, the add-in's REST ids, EntryIds and others. The add-in
 * sees items by REST/EWS id; the sync keys pairs by EwsId, so both meet here.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/convertid-operation
 */
import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import { mapOutcome, type Outcome } from './outcome';
import { alignOutcomes, readResponseMessages } from './response-messages';

export type IdFormat = 'EwsLegacyId' | 'EwsId' | 'EntryId' | 'HexEntryId' | 'StoreId' | 'OwaId';

export interface AlternateId {
  readonly format: IdFormat;
  readonly id: string;
  readonly mailbox: string;
}

export interface ConvertIdArgs {
  readonly ids: readonly AlternateId[];
  readonly destinationFormat: IdFormat;
}

export function buildConvertIdRequest(args: ConvertIdArgs): XmlNode {
  if (args.ids.length === 0) throw new ExchangeError('invalid-request', 'ConvertId needs at least one id');
  if (args.ids.some((i) => i.id === '' || i.mailbox === '')) throw new ExchangeError('invalid-request', 'ConvertId needs an id and a mailbox for each entry');
  return el('m:ConvertId', { DestinationFormat: args.destinationFormat }, [
    el('m:SourceIds', {}, args.ids.map((i) => el('t:AlternateId', { Format: i.format, Id: i.id, Mailbox: i.mailbox }))),
  ]);
}

export function parseConvertIdResponse(response: XmlElement): Outcome<AlternateId>[] {
  return readResponseMessages(response, 'ConvertId').map((outcome) =>
    mapOutcome(outcome, (message) => {
      const alt = firstChild(message, NS.messages, 'AlternateId');
      const id = alt?.attrs['Id'];
      if (!alt || id === undefined) throw new ExchangeError('unknown', 'ConvertId succeeded without an AlternateId');
      return { format: (alt.attrs['Format'] ?? 'EwsId') as IdFormat, id, mailbox: alt.attrs['Mailbox'] ?? '' };
    }),
  );
}

export async function convertId(call: EwsCall, args: ConvertIdArgs): Promise<Outcome<AlternateId>[]> {
  const request = buildConvertIdRequest(args);
  return alignOutcomes(parseConvertIdResponse(await call(request)), args.ids.length, 'ConvertId');
}

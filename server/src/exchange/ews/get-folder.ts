/**
 * GetFolder: folder properties by id (also the harmless call behind "Test connection").
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getfolder-operation
 */
import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsCall } from './ews-call';
import type { EwsFolder, FolderRef } from './ews-types';
import { readFolders } from './folder-xml';
import { buildFolderId, checkFolderRef } from './ids-xml';
import { mapOutcome, type Outcome } from './outcome';
import { alignOutcomes, readResponseMessages } from './response-messages';
import { buildFolderShape, type ResponseShape } from './response-shape';

export interface GetFolderArgs {
  readonly folderIds: readonly FolderRef[];
  readonly shape?: ResponseShape;
}

export function buildGetFolderRequest(args: GetFolderArgs): XmlNode {
  if (args.folderIds.length === 0) throw new ExchangeError('invalid-request', 'GetFolder needs at least one folder id');
  args.folderIds.forEach((ref) => checkFolderRef(ref, 'GetFolder'));
  return el('m:GetFolder', {}, [
    buildFolderShape(args.shape ?? { baseShape: 'Default' }),
    el('m:FolderIds', {}, args.folderIds.map(buildFolderId)),
  ]);
}

export function parseGetFolderResponse(response: XmlElement): Outcome<EwsFolder>[] {
  return readResponseMessages(response, 'GetFolder').map((outcome) =>
    mapOutcome(outcome, (message) => {
      const [folder] = readFolders(firstChild(message, NS.messages, 'Folders'));
      if (!folder) throw new ExchangeError('unknown', 'GetFolder succeeded without returning a folder');
      return folder;
    }),
  );
}

export async function getFolder(call: EwsCall, args: GetFolderArgs): Promise<Outcome<EwsFolder>[]> {
  const request = buildGetFolderRequest(args);
  return alignOutcomes(parseGetFolderResponse(await call(request)), args.folderIds.length, 'GetFolder');
}

import { NS } from '../../server/src/xml/namespaces';
import { childText, firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import { StoreError } from '../store/mailbox-store';
import { DISTINGUISHED_FOLDERS, type DistinguishedFolderName, type StoredFolder } from '../store/store-types';
import type { OperationContext } from './operation-context';

/**
 * Resolves a FolderId or DistinguishedFolderId in the acting mailbox. A
 * DistinguishedFolderId naming another mailbox is only honoured for the acting one:
 * the sandbox models impersonation, not delegate access.
 */
export function resolveFolder(ctx: OperationContext, ref: XmlElement): StoredFolder {
  if (ref.local === 'DistinguishedFolderId') {
    const name = ref.attrs.Id ?? '';
    if (!isDistinguished(name)) throw new StoreError('ErrorFolderNotFound', `The distinguished folder '${name}' is not supported.`);
    const other = childText(firstChild(ref, NS.types, 'Mailbox'), NS.types, 'EmailAddress');
    if (other && other.toLowerCase() !== ctx.mailbox.smtpAddress.toLowerCase()) {
      throw new StoreError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    }
    return ctx.store.distinguishedFolder(ctx.mailbox, name);
  }
  const id = ref.attrs.Id ?? '';
  if (id.trim() === '') throw new StoreError('ErrorInvalidIdEmpty', 'The ID is empty.');
  const found = ctx.store.lookupFolder(id.trim());
  if (!found) throw new StoreError(looksLikeId(id) ? 'ErrorFolderNotFound' : 'ErrorInvalidIdMalformed', 'The specified folder could not be found in the store.');
  if (found.mailbox !== ctx.mailbox) throw new StoreError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  return found.folder;
}

/** Finds the folder reference (FolderId / DistinguishedFolderId) among an element's children. */
export function folderRefs(container: XmlElement | undefined): XmlElement[] {
  return (container?.children ?? []).filter((c) => c.ns === NS.types && (c.local === 'FolderId' || c.local === 'DistinguishedFolderId'));
}

function isDistinguished(name: string): name is DistinguishedFolderName {
  return (DISTINGUISHED_FOLDERS as readonly string[]).includes(name);
}

/** Exchange ids are base64; anything else is malformed rather than merely unknown. */
export function looksLikeId(id: string): boolean {
  return /^[A-Za-z0-9+/=\s_-]+$/.test(id) && id.trim().length >= 4;
}

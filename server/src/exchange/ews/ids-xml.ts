import { ExchangeError } from '../exchange-error';
import { el, type XmlNode } from '../../xml/render-xml';
import type { FolderRef, ItemOrOccurrenceRef } from './ews-types';

export function buildItemId(ref: ItemOrOccurrenceRef, element = 't:ItemId'): XmlNode {
  if ('recurringMasterId' in ref) return el('t:OccurrenceItemId', { RecurringMasterId: ref.recurringMasterId, ChangeKey: ref.changeKey, InstanceIndex: ref.instanceIndex });
  return el(element, { Id: ref.id, ChangeKey: ref.changeKey });
}

/** The id a ref names, for messages: the item's own, or master and index. */
export function describeItemRef(ref: ItemOrOccurrenceRef): string {
  return 'recurringMasterId' in ref ? `${ref.recurringMasterId}#${ref.instanceIndex}` : ref.id;
}

export function buildFolderId(ref: FolderRef): XmlNode {
  if ('distinguished' in ref) {
    return el('t:DistinguishedFolderId', { Id: ref.distinguished }, ref.mailbox === undefined ? undefined : [el('t:Mailbox', {}, [el('t:EmailAddress', {}, ref.mailbox)])]);
  }
  return el('t:FolderId', { Id: ref.id, ChangeKey: ref.changeKey });
}

/** `SyncFolderId`, `SavedItemFolderId`… hold exactly one folder id. */
export function buildTargetFolder(element: string, ref: FolderRef): XmlNode {
  return el(element, {}, [buildFolderId(ref)]);
}

/** Ids are opaque, but an empty one is always a caller bug: fail before the round trip. */
export function checkItemRefs(refs: readonly ItemOrOccurrenceRef[], operation: string): void {
  if (refs.length === 0) throw new ExchangeError('invalid-request', `${operation} needs at least one item id`);
  if (refs.some((r) => ('recurringMasterId' in r ? r.recurringMasterId.trim() === '' || !Number.isInteger(r.instanceIndex) || r.instanceIndex < 1 : typeof r.id !== 'string' || r.id.trim() === ''))) {
    throw new ExchangeError('invalid-request', `${operation} got an empty item id`);
  }
}

export function checkFolderRef(ref: FolderRef, operation: string): void {
  if (!('distinguished' in ref) && ref.id.trim() === '') throw new ExchangeError('invalid-request', `${operation} got an empty folder id`);
}

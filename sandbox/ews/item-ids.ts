import type { XmlElement } from '../../server/src/xml/xml-element';
import type { StoredItem } from '../store/store-types';
import { looksLikeId } from './folder-ids';
import type { OperationContext } from './operation-context';
import { resolveOccurrence } from './occurrences';
import { storeError } from './status';

/**
 * Resolves a t:ItemId (or a t:OccurrenceItemId, through its master) in the acting
 * mailbox; items of other mailboxes are invisible.
 */
export function resolveItem(ctx: OperationContext, ref: XmlElement): StoredItem {
  if (ref.local === 'OccurrenceItemId') return resolveOccurrence(ctx, ref);
  const id = (ref.attrs.Id ?? '').trim();
  if (id === '') throw storeError('ErrorInvalidIdEmpty', 'The ID is empty.');
  if (!looksLikeId(id)) throw storeError('ErrorInvalidIdMalformed', 'Id is malformed.');
  const item = ctx.mailbox.items.get(id);
  if (!item) throw storeError('ErrorItemNotFound', 'The specified object was not found in the store.');
  return item;
}

/** True when the client's ChangeKey names an older version than the stored one. */
export function isStale(ref: XmlElement, item: StoredItem): boolean {
  const changeKey = ref.attrs.ChangeKey;
  return changeKey !== undefined && changeKey !== '' && changeKey !== item.changeKey;
}

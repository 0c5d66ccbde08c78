import type { ItemDescriptor, ItemIdentities, RecordRef, RecordSummary } from '../api/crm-api';
import { isMessage, type ItemContext } from '../office/item-context';

/** The identities links are stored under; the conversation id is not one (a thread shares it). */
export function buildIdentities(context: ItemContext): ItemIdentities {
  const { internetMessageId, ewsId, restId } = context.identity;
  return {
    ...(internetMessageId ? { internetMessageId } : {}),
    ...(restId ? { restId } : {}),
    ...(ewsId ? { ewsId } : {}),
  };
}

export function buildDescriptor(context: ItemContext): ItemDescriptor {
  return {
    kind: isMessage(context.kind) ? 'mail' : 'appointment',
    mailbox: context.identity.mailbox,
    identities: buildIdentities(context),
    ...(context.identity.conversationId ? { conversationId: context.identity.conversationId } : {}),
    ...(context.subject ? { subject: context.subject.slice(0, 1000) } : {}),
  };
}

export function buildRecordRef(record: RecordSummary): RecordRef {
  return { type: record.type, id: record.id };
}

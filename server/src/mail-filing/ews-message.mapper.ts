import type { AttachmentMeta, MailAddress, MailFile } from '../../../shared/crm/mail.schema';
import type { AttachmentInfo, EwsMessage, Mailbox } from '../exchange/ews/ews-types';
import type { FetchedMail } from './mail-source.port';

function mapAddress(mailbox: Mailbox | undefined): MailAddress | undefined {
  const email = mailbox?.address?.trim();
  // Exchange-internal (EX) or missing addresses cannot be matched to CRM contacts; leave them out.
  if (!email || !email.includes('@')) return undefined;
  return { email: email.toLowerCase(), ...(mailbox?.name ? { name: mailbox.name } : {}) };
}

function mapAddresses(list: readonly Mailbox[] | undefined): MailAddress[] {
  return (list ?? []).map(mapAddress).filter((a): a is MailAddress => a !== undefined);
}

function mapAttachment(info: AttachmentInfo): AttachmentMeta {
  return {
    name: info.name?.trim() || (info.kind === 'item' ? 'attached item' : 'attachment'),
    contentType: info.contentType ?? (info.kind === 'item' ? 'message/rfc822' : 'application/octet-stream'),
    size: info.size ?? 0,
    isInline: info.isInline ?? false,
    ...(info.contentId ? { contentId: info.contentId } : {}),
  };
}

/** Pure: an EWS message (GetItem, AllProperties) as the CRM's mail payload. */
export function mapEwsMessage(message: EwsMessage): FetchedMail {
  if (!message.internetMessageId) throw new Error('The message has no Internet Message-ID');
  const from = mapAddress(message.from ?? message.sender);
  const mail: MailFile = {
    internetMessageId: message.internetMessageId,
    ...(message.conversationId ? { conversationId: message.conversationId } : {}),
    subject: message.subject ?? '',
    from: from ?? null,
    to: mapAddresses(message.toRecipients),
    cc: mapAddresses(message.ccRecipients),
    sentAt: message.dateTimeSent ?? null,
    receivedAt: message.dateTimeReceived ?? null,
    bodyType: message.body?.type === 'HTML' ? 'html' : 'text',
    body: message.body?.content ?? '',
    attachments: (message.attachments ?? []).map(mapAttachment),
  };
  return { mail, isDraft: message.isDraft ?? false };
}

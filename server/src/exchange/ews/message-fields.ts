import { el, type XmlNode } from '../../xml/render-xml';
import type { XmlElement } from '../../xml/xml-element';
import { buildMailbox } from './common-fields';
import type { Mailbox, MessageFields, MessageReadOnly } from './ews-types';
import { elementField, textField, type FieldCodec } from './field-codec';
import { readRecipients, readSingleRecipient, typesBool, typesText, withoutUndefined } from './xml-read';

function buildRecipients(element: string, mailboxes: readonly Mailbox[]): XmlNode {
  return el(`t:${element}`, {}, mailboxes.map(buildMailbox));
}

/** types.xsd `MessageType` order. */
export const messageCodecs: readonly FieldCodec<MessageFields>[] = [
  elementField('toRecipients', 'message:ToRecipients', (m) => buildRecipients('ToRecipients', m)),
  elementField('ccRecipients', 'message:CcRecipients', (m) => buildRecipients('CcRecipients', m)),
  elementField('bccRecipients', 'message:BccRecipients', (m) => buildRecipients('BccRecipients', m)),
  textField('isReadReceiptRequested', 'IsReadReceiptRequested', 'message:IsReadReceiptRequested'),
  textField('isDeliveryReceiptRequested', 'IsDeliveryReceiptRequested', 'message:IsDeliveryReceiptRequested'),
  elementField('from', 'message:From', (m) => el('t:From', {}, [buildMailbox(m)])),
  textField('isRead', 'IsRead', 'message:IsRead'),
  elementField('replyTo', 'message:ReplyTo', (m) => buildRecipients('ReplyTo', m)),
];

export function readMessageFields(item: XmlElement): MessageFields & MessageReadOnly {
  return withoutUndefined({
    toRecipients: readRecipients(item, 'ToRecipients'),
    ccRecipients: readRecipients(item, 'CcRecipients'),
    bccRecipients: readRecipients(item, 'BccRecipients'),
    isReadReceiptRequested: typesBool(item, 'IsReadReceiptRequested'),
    isDeliveryReceiptRequested: typesBool(item, 'IsDeliveryReceiptRequested'),
    from: readSingleRecipient(item, 'From'),
    isRead: typesBool(item, 'IsRead'),
    replyTo: readRecipients(item, 'ReplyTo'),
    sender: readSingleRecipient(item, 'Sender'),
    internetMessageId: typesText(item, 'InternetMessageId'),
    inReplyTo: typesText(item, 'InReplyTo'),
    references: typesText(item, 'References'),
    conversationTopic: typesText(item, 'ConversationTopic'),
    isDraft: typesBool(item, 'IsDraft'),
  });
}

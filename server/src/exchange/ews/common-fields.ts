import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { childrenNamed, firstChild, type XmlElement } from '../../xml/xml-element';
import type { AttachmentInfo, CommonWritableFields, EwsBody, Importance, InternetHeader, ItemMeta, Mailbox, Sensitivity } from './ews-types';
import { buildExtendedFieldUri, buildExtendedProperty, parseExtendedProperty, type ExtendedPropertyValue } from './extended-property';
import { elementField, textField, type FieldCodec, type FieldUpdate } from './field-codec';
import { readRef, typesBool, typesInt, typesText, withoutUndefined } from './xml-read';

export function buildBody(body: EwsBody): XmlNode {
  return el('t:Body', { BodyType: body.type }, body.content);
}

export function buildMailbox(mailbox: Mailbox): XmlNode {
  return el('t:Mailbox', {}, [
    mailbox.name !== undefined && el('t:Name', {}, mailbox.name),
    mailbox.address !== undefined && el('t:EmailAddress', {}, mailbox.address),
    mailbox.routingType !== undefined && el('t:RoutingType', {}, mailbox.routingType),
  ]);
}

/** ExtendedProperty is repeated, so each property is its own SetItemField / node. */
const extendedPropertiesCodec: FieldCodec<CommonWritableFields> = {
  key: 'extendedProperties',
  toNodes: (fields) => (fields.extendedProperties ?? []).map(buildExtendedProperty),
  toUpdates: (fields): FieldUpdate[] =>
    (fields.extendedProperties ?? []).map((p: ExtendedPropertyValue) => ({
      op: 'set',
      path: buildExtendedFieldUri(p.path),
      node: buildExtendedProperty(p),
    })),
};

/** types.xsd `ItemType` order. */
export const commonCodecs: readonly FieldCodec<CommonWritableFields>[] = [
  textField('subject', 'Subject', 'item:Subject'),
  textField('sensitivity', 'Sensitivity', 'item:Sensitivity'),
  elementField('body', 'item:Body', buildBody),
  elementField('categories', 'item:Categories', (categories) =>
    el('t:Categories', {}, categories.map((c) => el('t:String', {}, c))),
  ),
  textField('importance', 'Importance', 'item:Importance'),
  textField('reminderDueBy', 'ReminderDueBy', 'item:ReminderDueBy'),
  textField('reminderIsSet', 'ReminderIsSet', 'item:ReminderIsSet'),
  textField('reminderMinutesBeforeStart', 'ReminderMinutesBeforeStart', 'item:ReminderMinutesBeforeStart'),
  extendedPropertiesCodec,
];

export function readBody(item: XmlElement): EwsBody | undefined {
  const body = firstChild(item, NS.types, 'Body');
  if (!body) return undefined;
  return { type: body.attrs['BodyType'] === 'HTML' ? 'HTML' : 'Text', content: body.text };
}

export function readCommonFields(item: XmlElement): CommonWritableFields {
  const categories = firstChild(item, NS.types, 'Categories');
  const extended = childrenNamed(item, NS.types, 'ExtendedProperty')
    .map(parseExtendedProperty)
    .filter((p): p is ExtendedPropertyValue => p !== undefined);
  return withoutUndefined({
    subject: typesText(item, 'Subject'),
    sensitivity: typesText(item, 'Sensitivity') as Sensitivity | undefined,
    body: readBody(item),
    categories: categories ? childrenNamed(categories, NS.types, 'String').map((s) => s.text) : undefined,
    importance: typesText(item, 'Importance') as Importance | undefined,
    reminderDueBy: typesText(item, 'ReminderDueBy'),
    reminderIsSet: typesBool(item, 'ReminderIsSet'),
    reminderMinutesBeforeStart: typesInt(item, 'ReminderMinutesBeforeStart'),
    extendedProperties: extended.length > 0 ? extended : undefined,
  });
}

export function readItemMeta(item: XmlElement): ItemMeta {
  const attachments = firstChild(item, NS.types, 'Attachments');
  const headers = firstChild(item, NS.types, 'InternetMessageHeaders');
  return withoutUndefined({
    itemId: readRef(firstChild(item, NS.types, 'ItemId')),
    parentFolderId: readRef(firstChild(item, NS.types, 'ParentFolderId')),
    itemClass: typesText(item, 'ItemClass'),
    dateTimeReceived: typesText(item, 'DateTimeReceived'),
    dateTimeSent: typesText(item, 'DateTimeSent'),
    dateTimeCreated: typesText(item, 'DateTimeCreated'),
    lastModifiedTime: typesText(item, 'LastModifiedTime'),
    size: typesInt(item, 'Size'),
    hasAttachments: typesBool(item, 'HasAttachments'),
    attachments: attachments ? attachments.children.filter((c) => c.ns === NS.types).map(readAttachment) : undefined,
    internetMessageHeaders: headers ? childrenNamed(headers, NS.types, 'InternetMessageHeader').map(readHeader) : undefined,
    conversationId: firstChild(item, NS.types, 'ConversationId')?.attrs['Id'],
  });
}

function readAttachment(attachment: XmlElement): AttachmentInfo {
  return withoutUndefined({
    kind: attachment.local === 'ItemAttachment' ? 'item' : 'file',
    attachmentId: firstChild(attachment, NS.types, 'AttachmentId')?.attrs['Id'],
    name: typesText(attachment, 'Name'),
    contentType: typesText(attachment, 'ContentType'),
    contentId: typesText(attachment, 'ContentId'),
    size: typesInt(attachment, 'Size'),
    lastModifiedTime: typesText(attachment, 'LastModifiedTime'),
    isInline: typesBool(attachment, 'IsInline'),
  });
}

function readHeader(header: XmlElement): InternetHeader {
  return { name: header.attrs['HeaderName'] ?? '', value: header.text };
}

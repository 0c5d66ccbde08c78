import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { childrenNamed, firstChild, type XmlElement } from '../../xml/xml-element';
import type { AttachmentInfo, CommonWritableFields, EwsBody, Importance, InternetHeader, ItemMeta, Mailbox, Sensitivity } from './ews-types';
import { buildExtendedFieldUri, buildExtendedProperty, parseExtendedProperty, type ExtendedPropertyValue } from './extended-property';
import { elementField, textField, type FieldCodec, type FieldUpdate } from './field-codec';
import { parseBool, parseNumber, put, readRef, typesBool, typesInt, typesProperties, typesText, withoutUndefined, type Writable } from './xml-read';

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
  return body && bodyOf(body);
}

function bodyOf(body: XmlElement): EwsBody {
  return { type: body.attrs['BodyType'] === 'HTML' ? 'HTML' : 'Text', content: body.text };
}

export function readCommonFields(item: XmlElement, properties: readonly XmlElement[] = typesProperties(item)): CommonWritableFields {
  const out: Writable<CommonWritableFields> = {};
  let hasExtended = false;
  properties.forEach((child) => {
    switch (child.local) {
      case 'Subject':
        out.subject = child.text;
        break;
      case 'Sensitivity':
        out.sensitivity = child.text as Sensitivity;
        break;
      case 'Body':
        out.body = bodyOf(child);
        break;
      case 'Categories':
        out.categories = childrenNamed(child, NS.types, 'String').map((s) => s.text);
        break;
      case 'Importance':
        out.importance = child.text as Importance;
        break;
      case 'ReminderDueBy':
        out.reminderDueBy = child.text;
        break;
      case 'ReminderIsSet':
        put(out, 'reminderIsSet', parseBool(child.text));
        break;
      case 'ReminderMinutesBeforeStart':
        put(out, 'reminderMinutesBeforeStart', parseNumber(child.text));
        break;
      case 'ExtendedProperty':
        hasExtended = true;
        break;
    }
  });
  if (hasExtended) {
    const extended = childrenNamed(item, NS.types, 'ExtendedProperty')
      .map(parseExtendedProperty)
      .filter((p): p is ExtendedPropertyValue => p !== undefined);
    if (extended.length > 0) out.extendedProperties = extended;
  }
  return out;
}

export function readItemMeta(item: XmlElement, properties: readonly XmlElement[] = typesProperties(item)): ItemMeta {
  const out: Writable<ItemMeta> = {};
  properties.forEach((child) => {
    switch (child.local) {
      case 'ItemId':
        put(out, 'itemId', readRef(child));
        break;
      case 'ParentFolderId':
        put(out, 'parentFolderId', readRef(child));
        break;
      case 'ItemClass':
        out.itemClass = child.text;
        break;
      case 'DateTimeReceived':
        out.dateTimeReceived = child.text;
        break;
      case 'DateTimeSent':
        out.dateTimeSent = child.text;
        break;
      case 'DateTimeCreated':
        out.dateTimeCreated = child.text;
        break;
      case 'LastModifiedTime':
        out.lastModifiedTime = child.text;
        break;
      case 'Size':
        put(out, 'size', parseNumber(child.text));
        break;
      case 'HasAttachments':
        put(out, 'hasAttachments', parseBool(child.text));
        break;
      case 'Attachments':
        out.attachments = child.children.filter((c) => c.ns === NS.types).map(readAttachment);
        break;
      case 'InternetMessageHeaders':
        out.internetMessageHeaders = childrenNamed(child, NS.types, 'InternetMessageHeader').map(readHeader);
        break;
      case 'ConversationId':
        put(out, 'conversationId', child.attrs['Id']);
        break;
    }
  });
  return out;
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

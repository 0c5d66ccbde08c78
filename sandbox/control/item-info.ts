import { renderXml } from '../../server/src/xml/render-xml';
import { NS } from '../../server/src/xml/namespaces';
import { parseXml } from '../../server/src/xml/parse-xml';
import { renderItem } from '../ews/item-render';
import { itemKindOf, normaliseField, readItemInput } from '../ews/item-input';
import { isKnownField, READ_ONLY_FIELDS } from '../ews/item-schema';
import { extendedKeyString } from '../ews/extended-property';
import { textElement } from '../ews/xml-convert';
import { StoreError, type MailboxStore, type NewItem } from '../store/mailbox-store';
import type { ItemKind, StoredItem } from '../store/store-types';
import type { XmlElement } from '../../server/src/xml/xml-element';
import type { FolderInfo, ItemInfo, NewItemInput } from './control-types';
import type { StoredFolder } from '../store/store-types';

export function toItemInfo(store: MailboxStore, item: StoredItem): ItemInfo {
  const fields: Record<string, string> = {};
  for (const [name, value] of item.fields) if (value.children.length === 0) fields[name] = value.text;
  const node = renderItem(store, item, { base: 'AllProperties', fields: new Set(), extended: [...item.extended.values()].map((v) => v.key) });
  const xml = renderXml({ ...node, attrs: { 'xmlns:t': NS.types } }, { declaration: false });
  return { id: item.id, changeKey: item.changeKey, folderId: item.folderId, kind: item.kind, itemClass: item.itemClass, isRead: item.isRead, fields, extended: [...item.extended.values()], xml };
}

export function toFolderInfo(store: MailboxStore, folder: StoredFolder): FolderInfo {
  return {
    id: folder.id,
    changeKey: folder.changeKey,
    parentId: folder.parentId,
    displayName: folder.displayName,
    folderClass: folder.folderClass,
    distinguishedId: folder.distinguished,
    totalCount: store.countItems(folder.id),
  };
}

/** Builds a storable item from the control API's input, through the same parser EWS requests use. */
export function newItemFromInput(input: NewItemInput): NewItem {
  const base: NewItem = input.itemXml ? readItemInput(parseItemXml(input.itemXml, input.kind), undefined) : { kind: input.kind, fields: new Map(), extended: new Map() };
  const fields = new Map(base.fields);
  for (const [name, value] of Object.entries(input.fields ?? {})) {
    checkSettable(input.kind, name);
    fields.set(name, normaliseField(textElement(name, value), undefined));
  }
  const extended = new Map(base.extended);
  for (const value of input.extended ?? []) extended.set(extendedKeyString(value.key), value);
  return { kind: input.kind, itemClass: base.itemClass, fields, extended, isRead: input.isRead ?? base.isRead };
}

export function checkSettable(kind: ItemKind, name: string): void {
  if (!isKnownField(kind, name) || READ_ONLY_FIELDS.has(name)) throw new StoreError('ErrorInvalidPropertyForOperation', `${name} cannot be set on a ${kind}.`);
}

/** The complex properties an edit's `itemXml` sets, parsed like an EWS request. */
export function editedFields(kind: ItemKind, itemXml: string | undefined): ReadonlyMap<string, XmlElement> {
  return itemXml ? readItemInput(parseItemXml(itemXml, kind), undefined).fields : new Map();
}

function parseItemXml(xml: string, kind: ItemKind): ReturnType<typeof parseXml> {
  const element = parseXml(xml);
  if (element.ns !== NS.types || itemKindOf(element) !== kind) throw new StoreError('ErrorInvalidRequest', `itemXml must be a t:${kind} element in the EWS types namespace.`);
  return element;
}

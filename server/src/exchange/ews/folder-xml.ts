import { NS } from '../../xml/namespaces';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import type { EwsFolder } from './ews-types';
import { readRef, typesInt, typesText, withoutUndefined } from './xml-read';

const FOLDER_ELEMENTS = new Set(['Folder', 'CalendarFolder', 'ContactsFolder', 'SearchFolder', 'TasksFolder']);

export function isFolderElement(element: XmlElement): boolean {
  return element.ns === NS.types && FOLDER_ELEMENTS.has(element.local);
}

export function readFolder(element: XmlElement): EwsFolder {
  return withoutUndefined({
    kind: element.local,
    folderId: readRef(firstChild(element, NS.types, 'FolderId')) ?? { id: '' },
    parentFolderId: readRef(firstChild(element, NS.types, 'ParentFolderId')),
    folderClass: typesText(element, 'FolderClass'),
    displayName: typesText(element, 'DisplayName'),
    totalCount: typesInt(element, 'TotalCount'),
    childFolderCount: typesInt(element, 'ChildFolderCount'),
    unreadCount: typesInt(element, 'UnreadCount'),
  });
}

/** The folders inside a `Folders` container, skipping anything that is not a folder. */
export function readFolders(container: XmlElement | undefined): EwsFolder[] {
  return (container?.children ?? []).filter(isFolderElement).map(readFolder);
}

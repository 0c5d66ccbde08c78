import type { XmlElement } from '../../server/src/xml/xml-element';

export type ItemKind = 'Message' | 'CalendarItem' | 'Contact' | 'Task';
export type FolderKind = 'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'TasksFolder';

export const DISTINGUISHED_FOLDERS = [
  'root', 'msgfolderroot', 'searchfolders', 'inbox', 'outbox', 'sentitems', 'drafts', 'deleteditems', 'junkemail', 'calendar', 'contacts', 'tasks',
] as const;
export type DistinguishedFolderName = (typeof DISTINGUISHED_FOLDERS)[number];

/** Identifies an extended MAPI property the way EWS's ExtendedFieldURI does. */
export interface ExtendedPropertyKey {
  readonly distinguishedPropertySetId?: string;
  readonly propertySetId?: string;
  readonly propertyTag?: string;
  readonly propertyName?: string;
  readonly propertyId?: string;
  readonly propertyType: string;
}

export interface ExtendedPropertyValue {
  readonly key: ExtendedPropertyKey;
  /** One value, or several for the *Array property types. */
  readonly values: readonly string[];
}

export interface StoredFolder {
  readonly id: string;
  changeKey: string;
  parentId: string | undefined;
  displayName: string;
  readonly folderClass: string;
  readonly kind: FolderKind;
  readonly distinguished?: DistinguishedFolderName;
  /** Sequence of the last change to the folder itself (hierarchy sync). */
  hierarchySeq: number;
  readonly createdSeq: number;
}

export interface StoredItem {
  readonly id: string;
  changeKey: string;
  folderId: string;
  readonly kind: ItemKind;
  itemClass: string;
  /**
   * Properties as the client sent them, keyed by element local name (types namespace).
   * Keeping the parsed element lets every property round-trip without a per-field codec.
   */
  readonly fields: Map<string, XmlElement>;
  readonly extended: Map<string, ExtendedPropertyValue>;
  isRead: boolean;
  readonly created: Date;
  modified: Date;
  lastModifiedName: string;
  /**
   * Set on a modified occurrence (an exception) of a recurring series: it has an id of its
   * own but lives in no folder; its master lists it under ModifiedOccurrences.
   */
  readonly occurrenceOf?: { readonly masterId: string; readonly originalStart: string };
}

export interface Mailbox {
  readonly smtpAddress: string;
  readonly displayName: string;
  /** Basic-auth password of the mailbox owner (sandbox only). */
  readonly password: string;
  readonly folders: Map<string, StoredFolder>;
  readonly distinguished: Map<DistinguishedFolderName, string>;
  readonly items: Map<string, StoredItem>;
}

import type { FaultConfig } from '../faults/fault-plan';
import type { PolicyMode } from '../sandbox-state';
import type { DeleteMode } from '../store/mailbox-store';
import type { ExtendedPropertyValue, ItemKind } from '../store/store-types';
import type { CaptureHook } from './capture';
import type { CounterSnapshot } from './counters';
import type { SentRecord } from './sent-log';

export interface MailboxInfo {
  readonly smtpAddress: string;
  readonly displayName: string;
  /** Sandbox-only password for Basic auth as the mailbox owner. */
  readonly password: string;
  readonly impersonationGranted: boolean;
}

export interface FolderInfo {
  readonly id: string;
  readonly changeKey: string;
  readonly parentId: string | undefined;
  readonly displayName: string;
  readonly folderClass: string;
  readonly distinguishedId: string | undefined;
  readonly totalCount: number;
}

export interface ItemInfo {
  readonly id: string;
  readonly changeKey: string;
  readonly folderId: string;
  readonly kind: ItemKind;
  readonly itemClass: string;
  readonly isRead: boolean;
  /** Text of each simple property (Subject, GivenName, Start…); complex ones are in `xml`. */
  readonly fields: Readonly<Record<string, string>>;
  readonly extended: readonly ExtendedPropertyValue[];
  /** The item as GetItem with AllProperties would return it (`t:<Kind>` element). */
  readonly xml: string;
}

export interface NewItemInput {
  /** Folder id or distinguished name (contacts, calendar, inbox…); the kind's default folder when absent. */
  readonly folder?: string;
  readonly kind: ItemKind;
  /** Simple properties by element name: { Subject: 'Hi', GivenName: 'Anna' }. */
  readonly fields?: Readonly<Record<string, string>>;
  /** A whole `<t:Contact xmlns:t="…types">…</t:Contact>` for complex properties; `fields` are applied on top. */
  readonly itemXml?: string;
  readonly extended?: readonly ExtendedPropertyValue[];
  readonly isRead?: boolean;
}

export interface ItemEdit {
  /** New values; null removes the property. */
  readonly fields?: Readonly<Record<string, string | null>>;
  /** A `t:<Kind>` element whose properties replace the item's (an HTML Body, attendees…); `fields` are applied on top. */
  readonly itemXml?: string;
  readonly extended?: readonly ExtendedPropertyValue[];
  readonly isRead?: boolean;
}

/** Drives the sandbox the way an Outlook user and an Exchange admin would. */
export interface SandboxControl {
  addMailbox(input: { smtpAddress: string; displayName?: string; password?: string }): MailboxInfo;
  listMailboxes(): MailboxInfo[];
  grantImpersonation(smtpAddress: string): void;
  revokeImpersonation(smtpAddress: string): void;
  listFolders(smtpAddress: string): FolderInfo[];
  createFolder(smtpAddress: string, input: { parent: string; displayName: string; folderClass?: string }): FolderInfo;
  listItems(smtpAddress: string, folder: string): ItemInfo[];
  getItem(smtpAddress: string, itemId: string): ItemInfo | undefined;
  createItem(smtpAddress: string, input: NewItemInput): ItemInfo;
  updateItem(smtpAddress: string, itemId: string, edit: ItemEdit): ItemInfo;
  deleteItem(smtpAddress: string, itemId: string, mode?: DeleteMode): void;
  /** Autodiscover (SOAP and POX) answers `from` with a redirect to `to`; null removes it. */
  setAutodiscoverRedirect(from: string, to: string | null): void;
  injectFaults(config: FaultConfig): void;
  clearFaults(): void;
  setPolicy(policy: Partial<PolicyMode>): void;
  /** Empties every mailbox, faults, policy, grants, counters and sent records, then seeds again. */
  reset(options?: { seed?: 'demo' | 'none' }): void;
  counters(): CounterSnapshot;
  resetCounters(): void;
  onCapture(hook: CaptureHook): () => void;
  sentItems(): readonly SentRecord[];
  clearSentItems(): void;
}

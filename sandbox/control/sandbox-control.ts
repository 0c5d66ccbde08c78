import { randomBytes } from 'node:crypto';
import { normaliseField } from '../ews/item-input';
import { completeCalendarItem } from '../ews/calendar-defaults';
import { extendedKeyString } from '../ews/extended-property';
import { textElement } from '../ews/xml-convert';
import { MailboxStore, StoreError } from '../store/mailbox-store';
import { DISTINGUISHED_FOLDERS, type DistinguishedFolderName, type Mailbox, type StoredFolder } from '../store/store-types';
import { DEFAULT_POLICY, type SandboxState } from '../sandbox-state';
import type { SandboxControl } from './control-types';
import { checkSettable, editedFields, newItemFromInput, toFolderInfo, toItemInfo } from './item-info';

const DEFAULT_FOLDER_FOR_KIND = { Contact: 'contacts', CalendarItem: 'calendar', Task: 'tasks', Message: 'inbox' } as const;

/**
 * In-process control. Edits go through the same store calls as EWS writes, so each
 * one bumps the ChangeKey and shows up in SyncFolderItems like an Outlook edit.
 */
export function createSandboxControl(state: SandboxState, seed: (state: SandboxState, mode: 'demo' | 'none') => void, initialSeed: 'demo' | 'none'): SandboxControl {
  const mailboxOf = (smtpAddress: string): Mailbox => {
    const mailbox = state.store.findMailbox(smtpAddress);
    if (!mailbox) throw new StoreError('ErrorNonExistentMailbox', `No mailbox ${smtpAddress} in the sandbox.`);
    return mailbox;
  };
  const folderOf = (mailbox: Mailbox, ref: string): StoredFolder =>
    (DISTINGUISHED_FOLDERS as readonly string[]).includes(ref) ? state.store.distinguishedFolder(mailbox, ref as DistinguishedFolderName) : state.store.folderOf(mailbox, ref);
  const itemOf = (mailbox: Mailbox, id: string) => {
    const item = mailbox.items.get(id);
    if (!item) throw new StoreError('ErrorItemNotFound', 'The specified object was not found in the store.');
    return item;
  };
  const mailboxInfo = (m: Mailbox) => ({
    smtpAddress: m.smtpAddress, displayName: m.displayName, password: m.password, impersonationGranted: state.impersonationGrants.has(m.smtpAddress.toLowerCase()),
  });

  return {
    addMailbox({ smtpAddress, displayName, password }) {
      if (!/^[^@\s]+@[^@\s]+$/.test(smtpAddress)) throw new StoreError('ErrorInvalidSmtpAddress', `${smtpAddress} is not an SMTP address.`);
      return mailboxInfo(state.store.addMailbox(smtpAddress, displayName ?? smtpAddress.split('@')[0] ?? smtpAddress, password ?? randomBytes(12).toString('base64url')));
    },
    listMailboxes: () => [...state.store.mailboxes.values()].map(mailboxInfo),
    grantImpersonation: (smtpAddress) => void state.impersonationGrants.add(mailboxOf(smtpAddress).smtpAddress.toLowerCase()),
    revokeImpersonation: (smtpAddress) => void state.impersonationGrants.delete(smtpAddress.toLowerCase()),
    listFolders: (smtpAddress) => [...mailboxOf(smtpAddress).folders.values()].map((f) => toFolderInfo(state.store, f)),
    createFolder(smtpAddress, { parent, displayName, folderClass }) {
      const mailbox = mailboxOf(smtpAddress);
      return toFolderInfo(state.store, state.store.createFolder(mailbox, folderOf(mailbox, parent).id, displayName, folderClass ?? 'IPF.Note'));
    },
    listItems(smtpAddress, folder) {
      const mailbox = mailboxOf(smtpAddress);
      return state.store.itemsIn(mailbox, folderOf(mailbox, folder).id).map((i) => toItemInfo(state.store, i));
    },
    getItem(smtpAddress, itemId) {
      const item = mailboxOf(smtpAddress).items.get(itemId);
      return item && toItemInfo(state.store, item);
    },
    createItem(smtpAddress, input) {
      const mailbox = mailboxOf(smtpAddress);
      const folder = folderOf(mailbox, input.folder ?? DEFAULT_FOLDER_FOR_KIND[input.kind]);
      const item = newItemFromInput(input);
      if (item.kind === 'CalendarItem') completeCalendarItem(item.fields, mailbox);
      return toItemInfo(state.store, state.store.createItem(mailbox, folder.id, item, mailbox.displayName));
    },
    updateItem(smtpAddress, itemId, edit) {
      const mailbox = mailboxOf(smtpAddress);
      const item = itemOf(mailbox, itemId);
      const replaced = editedFields(item.kind, edit.itemXml);
      const hasContentEdit = Object.keys(edit.fields ?? {}).length > 0 || (edit.extended ?? []).length > 0 || replaced.size > 0;
      if (hasContentEdit) {
        for (const name of Object.keys(edit.fields ?? {})) checkSettable(item.kind, name);
        state.store.updateItem(item, mailbox.displayName, (target) => {
          for (const [name, value] of replaced) target.fields.set(name, value);
          for (const [name, value] of Object.entries(edit.fields ?? {})) {
            if (value === null) target.fields.delete(name);
            else target.fields.set(name, normaliseField(textElement(name, value), undefined));
          }
          for (const value of edit.extended ?? []) target.extended.set(extendedKeyString(value.key), value);
        });
      }
      if (edit.isRead !== undefined) state.store.setReadFlag(item, edit.isRead);
      return toItemInfo(state.store, item);
    },
    deleteItem(smtpAddress, itemId, mode = 'MoveToDeletedItems') {
      const mailbox = mailboxOf(smtpAddress);
      state.store.deleteItem(mailbox, itemOf(mailbox, itemId), mode);
    },
    setAutodiscoverRedirect(from, to) {
      if (to === null) state.autodiscoverRedirects.delete(from.toLowerCase());
      else state.autodiscoverRedirects.set(from.toLowerCase(), to);
    },
    injectFaults: (config) => state.faults.configure(config),
    clearFaults: () => state.faults.clear(),
    setPolicy(policy) {
      state.policy = { ...state.policy, ...policy };
    },
    reset(options) {
      state.store = new MailboxStore();
      state.impersonationGrants.clear();
      state.faults.clear();
      state.policy = DEFAULT_POLICY;
      state.counters.reset();
      state.sent.clear();
      state.inFlight.clear();
      state.autodiscoverRedirects.clear();
      seed(state, options?.seed ?? initialSeed);
    },
    counters: () => state.counters.snapshot(),
    resetCounters: () => state.counters.reset(),
    onCapture: (hook) => state.capture.add(hook),
    sentItems: () => state.sent.list(),
    clearSentItems: () => state.sent.clear(),
  };
}

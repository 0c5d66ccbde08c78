import { NS } from '../../../server/src/xml/namespaces';
import { el } from '../../../server/src/xml/render-xml';
import { firstChild, type XmlElement } from '../../../server/src/xml/xml-element';
import type { NewItem } from '../../store/mailbox-store';
import type { FolderKind, ItemKind, StoredFolder, StoredItem } from '../../store/store-types';
import { folderRefs, resolveFolder } from '../folder-ids';
import { readItemInput } from '../item-input';
import { renderItemId } from '../item-render';
import type { OperationContext, OperationHandler } from '../operation-context';
import { responseMessage, SUCCESS } from '../soap-envelope';
import { statusOf, storeError } from '../status';
import { element, textElement } from '../xml-convert';
import { recipientAddresses, recordInvitations } from '../meeting-mail';
import { completeCalendarItem, mailboxElement } from '../calendar-defaults';

const DEFAULT_FOLDER: Record<ItemKind, 'contacts' | 'calendar' | 'tasks' | 'drafts'> = { Contact: 'contacts', CalendarItem: 'calendar', Task: 'tasks', Message: 'drafts' };

const REQUIRED_FOLDER_KIND: Partial<Record<ItemKind, { kind: FolderKind; code: string }>> = {
  Contact: { kind: 'ContactsFolder', code: 'ErrorCannotCreateContactInNonContactFolder' },
  CalendarItem: { kind: 'CalendarFolder', code: 'ErrorCannotCreateCalendarItemInNonCalendarFolder' },
  Task: { kind: 'TasksFolder', code: 'ErrorCannotCreateTaskInNonTaskFolder' },
};

/**
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createitem-operation
 * Messages need MessageDisposition, calendar items SendMeetingInvitations; sent mail
 * lands in Sent Items (SendAndSaveCopy) and the response then carries no item id.
 */
export const createItem: OperationHandler = (ctx) => {
  const disposition = ctx.body.attrs.MessageDisposition;
  const invitations = ctx.body.attrs.SendMeetingInvitations;
  const savedRef = folderRefs(firstChild(ctx.body, NS.messages, 'SavedItemFolderId'))[0];
  const elements = firstChild(ctx.body, NS.messages, 'Items')?.children ?? [];
  const messages = elements.map((itemElement) => {
    try {
      const input = readItemInput(itemElement, ctx.timeZoneId);
      if (input.kind === 'Message' && !disposition) throw storeError('ErrorMessageDispositionRequired', 'MessageDisposition attribute is required.');
      if (input.kind === 'CalendarItem' && !invitations) throw storeError('ErrorSendMeetingInvitationsRequired', 'SendMeetingInvitations attribute is required for calendar items.');
      const folder = targetFolder(ctx, input.kind, savedRef, disposition);
      const required = REQUIRED_FOLDER_KIND[input.kind];
      if (folder && required && folder.kind !== required.kind) throw storeError(required.code, `Items of type ${input.kind} cannot be created in this folder.`);
      const created = folder ? saveItem(ctx, folder, input, disposition, invitations) : undefined;
      if (!folder) sendWithoutCopy(ctx, input);
      const showId = created && !(input.kind === 'Message' && disposition !== 'SaveOnly');
      return responseMessage('CreateItemResponseMessage', SUCCESS, [el('m:Items', {}, showId ? [el(`t:${created.kind}`, {}, [renderItemId(created)])] : [])]);
    } catch (err) {
      return responseMessage('CreateItemResponseMessage', statusOf(err), [el('m:Items', {})]);
    }
  });
  return el('m:CreateItemResponse', {}, [el('m:ResponseMessages', {}, messages)]);
};

function targetFolder(ctx: OperationContext, kind: ItemKind, savedRef: XmlElement | undefined, disposition: string | undefined): StoredFolder | undefined {
  if (kind === 'Message' && disposition === 'SendOnly') return undefined;
  if (savedRef) return resolveFolder(ctx, savedRef);
  if (kind === 'Message' && disposition === 'SendAndSaveCopy') return ctx.store.distinguishedFolder(ctx.mailbox, 'sentitems');
  return ctx.store.distinguishedFolder(ctx.mailbox, DEFAULT_FOLDER[kind]);
}

function saveItem(
  ctx: OperationContext,
  folder: StoredFolder,
  input: NewItem,
  disposition: string | undefined,
  invitations: string | undefined,
): StoredItem {
  if (input.kind === 'CalendarItem') prepareCalendarItem(ctx, input);
  const sending = input.kind === 'Message' && disposition === 'SendAndSaveCopy';
  if (sending) prepareSentMessage(ctx, input);
  const item = ctx.store.createItem(ctx.mailbox, folder.id, { ...input, isRead: sending ? true : input.isRead }, ctx.actorName);
  if (sending) deliver(ctx, item);
  if (input.kind === 'CalendarItem' && (invitations === 'SendToAllAndSaveCopy' || invitations === 'SendOnlyToAll')) {
    if (recordInvitations(ctx, item, 'meeting-invitation')) ctx.store.updateItem(item, ctx.actorName, (i) => i.fields.set('MeetingRequestWasSent', textElement('MeetingRequestWasSent', 'true')));
  }
  return item;
}

function prepareCalendarItem(ctx: OperationContext, input: NewItem): void {
  const start = input.fields.get('Start')?.text;
  const end = input.fields.get('End')?.text;
  if (start && end && end < start) throw storeError('ErrorCalendarEndDateIsEarlierThanStartDate', 'EndDate is earlier than StartDate');
  completeCalendarItem(input.fields, ctx.mailbox);
}

function prepareSentMessage(ctx: OperationContext, input: NewItem): void {
  input.fields.set('From', element('From', [mailboxElement(ctx.mailbox.displayName, ctx.mailbox.smtpAddress)]));
  input.fields.set('Sender', element('Sender', [mailboxElement(ctx.mailbox.displayName, ctx.mailbox.smtpAddress)]));
  input.fields.set('IsDraft', textElement('IsDraft', 'false'));
  input.fields.set('DateTimeSent', textElement('DateTimeSent', new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')));
}

function sendWithoutCopy(ctx: OperationContext, input: NewItem): void {
  const recipients = recipientAddresses(input.fields);
  ctx.recordSent({ kind: 'mail', from: ctx.mailbox.smtpAddress, to: recipients, subject: input.fields.get('Subject')?.text ?? '', itemId: '' });
}

/** Sent mail reaches recipients that are sandbox mailboxes, unread in their Inbox. */
function deliver(ctx: OperationContext, item: StoredItem): void {
  const recipients = recipientAddresses(item.fields);
  ctx.recordSent({ kind: 'mail', from: ctx.mailbox.smtpAddress, to: recipients, subject: item.fields.get('Subject')?.text ?? '', itemId: item.id });
  for (const address of recipients) {
    const target = ctx.store.findMailbox(address);
    if (!target) continue;
    const copy: NewItem = { kind: 'Message', itemClass: item.itemClass, fields: new Map(item.fields), extended: new Map(item.extended), isRead: false };
    ctx.store.createItem(target, ctx.store.distinguishedFolder(target, 'inbox').id, copy, ctx.mailbox.displayName);
  }
}

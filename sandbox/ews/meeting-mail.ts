import { NS } from '../../server/src/xml/namespaces';
import { childrenNamed, childText, firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import type { StoredItem } from '../store/store-types';
import type { OperationContext } from './operation-context';
import type { SentRecord } from '../control/sent-log';

/** SMTP addresses of To/Cc/Bcc recipients or of attendees. */
export function recipientAddresses(fields: ReadonlyMap<string, XmlElement>): string[] {
  const out: string[] = [];
  for (const list of ['ToRecipients', 'CcRecipients', 'BccRecipients']) {
    for (const mailbox of childrenNamed(fields.get(list), NS.types, 'Mailbox')) pushAddress(out, mailbox);
  }
  return out;
}

export function attendeeAddresses(fields: ReadonlyMap<string, XmlElement>): string[] {
  const out: string[] = [];
  for (const list of ['RequiredAttendees', 'OptionalAttendees', 'Resources']) {
    for (const attendee of childrenNamed(fields.get(list), NS.types, 'Attendee')) pushAddress(out, firstChild(attendee, NS.types, 'Mailbox'));
  }
  return out;
}

function pushAddress(out: string[], mailbox: XmlElement | undefined): void {
  const address = childText(mailbox, NS.types, 'EmailAddress')?.trim();
  if (address) out.push(address);
}

/** Records the meeting mail Exchange would send to attendees; false when there are none. */
export function recordInvitations(ctx: OperationContext, item: StoredItem, kind: SentRecord['kind']): boolean {
  const to = attendeeAddresses(item.fields);
  if (to.length === 0) return false;
  ctx.recordSent({ kind, from: ctx.mailbox.smtpAddress, to, subject: item.fields.get('Subject')?.text ?? '', itemId: item.id });
  return true;
}

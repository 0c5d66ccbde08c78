/** Which of the four surfaces the pane was opened on (A1). */
export type ItemKind = 'message-read' | 'message-compose' | 'appointment-attendee' | 'appointment-organizer';

export type AddressRole = 'from' | 'to' | 'cc' | 'organizer' | 'attendee';

export interface ItemAddress {
  readonly address: string;
  readonly name: string;
  readonly role: AddressRole;
}

/**
 * Every identity Office.js gives for the item; links are stored under stable ones
 * (Internet Message-ID, REST id) so they survive moves between folders (A6).
 */
export interface ItemIdentity {
  readonly mailbox: string;
  readonly ewsId?: string;
  readonly restId?: string;
  readonly internetMessageId?: string;
  readonly conversationId?: string;
}

export interface ItemContext {
  readonly kind: ItemKind;
  readonly subject: string;
  readonly identity: ItemIdentity;
  readonly addresses: readonly ItemAddress[];
}

export function isMessage(kind: ItemKind): boolean {
  return kind === 'message-read' || kind === 'message-compose';
}

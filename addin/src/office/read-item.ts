import { callOffice } from './office-async';
import type { AddressRole, ItemAddress, ItemContext, ItemIdentity, ItemKind } from './item-context';

type AnyItem = NonNullable<Office.Mailbox['item']>;
type Recipients = Office.Recipients;
type ComposeItem = Office.MessageCompose | Office.AppointmentCompose;

function hasGetAsync(value: unknown): value is { getAsync: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { getAsync?: unknown }).getAsync === 'function';
}

/** Compose forms expose recipients as objects with getAsync; read forms as plain arrays. */
export function detectItemKind(item: AnyItem): ItemKind {
  const isAppointment = String(item.itemType) === 'appointment';
  if (isAppointment) return hasGetAsync((item as Office.AppointmentCompose).requiredAttendees) ? 'appointment-organizer' : 'appointment-attendee';
  return hasGetAsync((item as Office.MessageCompose).to) ? 'message-compose' : 'message-read';
}

function mapAddresses(details: readonly Office.EmailAddressDetails[] | undefined, role: AddressRole): ItemAddress[] {
  return (details ?? [])
    .filter((d) => Boolean(d?.emailAddress))
    .map((d) => ({ address: d.emailAddress.toLowerCase(), name: d.displayName ?? '', role }));
}

function readRecipients(recipients: Recipients | undefined, role: AddressRole, operation: string): Promise<ItemAddress[]> {
  if (!recipients) return Promise.resolve([]);
  return callOffice<Office.EmailAddressDetails[]>(operation, (cb) => recipients.getAsync(cb)).then((list) => mapAddresses(list, role));
}

function readComposeSender(item: ComposeItem, kind: ItemKind): Promise<ItemAddress[]> {
  // from/organizer getAsync arrived in Mailbox 1.7; older clients simply give no sender.
  const source = kind === 'message-compose' ? (item as Office.MessageCompose).from : (item as Office.AppointmentCompose).organizer;
  if (!hasGetAsync(source)) return Promise.resolve([]);
  const role: AddressRole = kind === 'message-compose' ? 'from' : 'organizer';
  return callOffice<Office.EmailAddressDetails>(`${role}.getAsync`, (cb) => source.getAsync(cb)).then((d) => mapAddresses([d], role));
}

async function readComposeAddresses(item: ComposeItem, kind: ItemKind): Promise<ItemAddress[]> {
  const lists =
    kind === 'message-compose'
      ? [
          readRecipients((item as Office.MessageCompose).to, 'to', 'to.getAsync'),
          readRecipients((item as Office.MessageCompose).cc, 'cc', 'cc.getAsync'),
        ]
      : [
          readRecipients((item as Office.AppointmentCompose).requiredAttendees, 'attendee', 'requiredAttendees.getAsync'),
          readRecipients((item as Office.AppointmentCompose).optionalAttendees, 'attendee', 'optionalAttendees.getAsync'),
        ];
  return (await Promise.all([readComposeSender(item, kind), ...lists])).flat();
}

function readReadAddresses(item: AnyItem, kind: ItemKind): ItemAddress[] {
  if (kind === 'message-read') {
    const message = item as Office.MessageRead;
    return [...mapAddresses([message.from], 'from'), ...mapAddresses(message.to, 'to'), ...mapAddresses(message.cc, 'cc')];
  }
  const appointment = item as Office.AppointmentRead;
  return [
    ...mapAddresses([appointment.organizer], 'organizer'),
    ...mapAddresses(appointment.requiredAttendees, 'attendee'),
    ...mapAddresses(appointment.optionalAttendees, 'attendee'),
  ];
}

function readSubject(item: AnyItem, kind: ItemKind): Promise<string> {
  if (kind === 'message-read' || kind === 'appointment-attendee') return Promise.resolve((item as Office.MessageRead).subject ?? '');
  const subject = (item as ComposeItem).subject;
  return callOffice<string>('subject.getAsync', (cb) => subject.getAsync(cb));
}

/** A draft has no id until saved; getItemIdAsync (1.8) answers without saving, saveAsync (1.3) saves first. */
function readComposeItemId(item: ComposeItem): Promise<string> {
  const withGetId = item as ComposeItem & { getItemIdAsync?: (cb: (r: Office.AsyncResult<string>) => void) => void };
  if (typeof withGetId.getItemIdAsync === 'function') {
    const getItemIdAsync = withGetId.getItemIdAsync.bind(item);
    return callOffice<string>('getItemIdAsync', (cb) => getItemIdAsync(cb)).catch(() => callOffice<string>('saveAsync', (cb) => item.saveAsync(cb)));
  }
  return callOffice<string>('saveAsync', (cb) => item.saveAsync(cb));
}

function convertToRestId(mailbox: Office.Mailbox, ewsId: string): string | undefined {
  if (typeof mailbox.convertToRestId !== 'function') return undefined;
  return mailbox.convertToRestId(ewsId, 'v2.0' as Office.MailboxEnums.RestVersion);
}

async function readIdentity(mailbox: Office.Mailbox, item: AnyItem, kind: ItemKind): Promise<ItemIdentity> {
  const compose = kind === 'message-compose' || kind === 'appointment-organizer';
  const ewsId = compose ? await readComposeItemId(item as ComposeItem) : (item as Office.MessageRead).itemId;
  const internetMessageId = kind === 'message-read' ? (item as Office.MessageRead).internetMessageId : undefined;
  const conversationId = (item as { conversationId?: string }).conversationId;
  return {
    mailbox: mailbox.userProfile.emailAddress.toLowerCase(),
    ...(ewsId ? { ewsId, restId: convertToRestId(mailbox, ewsId) } : {}),
    ...(internetMessageId ? { internetMessageId } : {}),
    ...(conversationId ? { conversationId } : {}),
  };
}

/** Reads everything the pane needs about the open item; rejects when Office.js does. */
export async function readItemContext(mailbox: Office.Mailbox): Promise<ItemContext> {
  const item = mailbox.item;
  if (!item) throw new Error('No item is open');
  const kind = detectItemKind(item);
  const addresses =
    kind === 'message-compose' || kind === 'appointment-organizer'
      ? readComposeAddresses(item as ComposeItem, kind)
      : Promise.resolve(readReadAddresses(item, kind));
  const [subject, identity, list] = await Promise.all([readSubject(item, kind), readIdentity(mailbox, item, kind), addresses]);
  return { kind, subject, identity, addresses: dedupeAddresses(list) };
}

function dedupeAddresses(list: readonly ItemAddress[]): ItemAddress[] {
  const seen = new Set<string>();
  return list.filter((a) => (seen.has(a.address) ? false : (seen.add(a.address), true)));
}

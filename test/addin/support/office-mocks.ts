import { OfficeMockObject } from 'office-addin-mock';

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Builds the AsyncResult a real host passes; only the fields the wrappers read. */
function asyncResult<T>(fields: { status: string; value: T; error?: { code: number; message: string } }): Office.AsyncResult<T> {
  return fields as unknown as Office.AsyncResult<T>;
}

export function succeed<T>(value: T) {
  return (callback: Callback<T>) => callback(asyncResult({ status: 'succeeded', value }));
}

export function fail<T>(message: string) {
  return (callback: Callback<T>) => callback(asyncResult({ status: 'failed', value: undefined as T, error: { code: 9002, message } }));
}

const user = { emailAddress: 'Anna.Berger@Example.com', displayName: 'Anna Berger' };
const addr = (emailAddress: string, displayName = '') => ({ emailAddress, displayName });

export const readMailData = {
  itemType: 'message',
  itemId: 'AAMkAD-ews-read=',
  internetMessageId: '<offer-42@kunde.example>',
  conversationId: 'conv-1',
  subject: 'Angebot 42',
  from: addr('Max.Muster@kunde.example', 'Max Muster'),
  to: [addr('anna.berger@example.com', 'Anna Berger')],
  cc: [addr('einkauf@kunde.example'), addr('max.muster@kunde.example')],
};

export const composeMailData = {
  itemType: 'message',
  conversationId: 'conv-2',
  subject: { getAsync: succeed('Re: Angebot 42') },
  to: { getAsync: succeed([addr('max.muster@kunde.example', 'Max Muster')]) },
  cc: { getAsync: succeed([]) },
  from: { getAsync: succeed(addr('anna.berger@example.com')) },
  getItemIdAsync: succeed('AAMkAD-ews-draft='),
  saveAsync: succeed('AAMkAD-ews-saved='),
};

export const organizerData = {
  itemType: 'appointment',
  subject: { getAsync: succeed('Projekt-Kickoff') },
  requiredAttendees: { getAsync: succeed([addr('max.muster@kunde.example')]) },
  optionalAttendees: { getAsync: succeed([addr('lena@partner.example')]) },
  organizer: { getAsync: succeed(addr('anna.berger@example.com')) },
  saveAsync: succeed('AAMkAD-ews-meeting='),
};

export const attendeeData = {
  itemType: 'appointment',
  itemId: 'AAMkAD-ews-appt=',
  subject: 'Projekt-Kickoff',
  organizer: addr('max.muster@kunde.example', 'Max Muster'),
  requiredAttendees: [addr('anna.berger@example.com')],
  optionalAttendees: [],
};

/** An Office.Mailbox built with Microsoft's office-addin-mock around the given item. */
export function mockMailbox(item: object, extra: object = {}): Office.Mailbox {
  const mock = new OfficeMockObject(
    {
      userProfile: user,
      item,
      convertToRestId: (id: string) => `rest:${id}`,
      ...extra,
    },
    'outlook' as never,
  );
  return mock as unknown as Office.Mailbox;
}

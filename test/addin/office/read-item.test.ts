import { describe, expect, it } from 'vitest';
import { OfficeCallError, callOffice } from '../../../addin/src/office/office-async';
import { readItemContext } from '../../../addin/src/office/read-item';
import { attendeeData, composeMailData, fail, mockMailbox, organizerData, readMailData, succeed } from '../support/office-mocks';

describe('readItemContext', () => {
  it('reads a received mail with its stable identities and every address once', async () => {
    const context = await readItemContext(mockMailbox(readMailData));
    expect(context.kind).toBe('message-read');
    expect(context.subject).toBe('Angebot 42');
    expect(context.identity).toEqual({
      mailbox: 'anna.berger@example.com',
      ewsId: 'AAMkAD-ews-read=',
      restId: 'rest:AAMkAD-ews-read=',
      internetMessageId: '<offer-42@kunde.example>',
      conversationId: 'conv-1',
    });
    expect(context.addresses.map((a) => `${a.role}:${a.address}`)).toEqual([
      'from:max.muster@kunde.example',
      'to:anna.berger@example.com',
      'cc:einkauf@kunde.example',
    ]);
  });

  it('reads recipients of a draft asynchronously and takes the id from getItemIdAsync', async () => {
    const context = await readItemContext(mockMailbox(composeMailData));
    expect(context.kind).toBe('message-compose');
    expect(context.subject).toBe('Re: Angebot 42');
    expect(context.identity.ewsId).toBe('AAMkAD-ews-draft=');
    expect(context.identity.internetMessageId).toBeUndefined();
    expect(context.addresses.map((a) => a.role)).toEqual(['from', 'to']);
  });

  it('saves an unsaved draft to get its id when getItemIdAsync fails', async () => {
    const context = await readItemContext(mockMailbox({ ...composeMailData, getItemIdAsync: fail('not saved') }));
    expect(context.identity.ewsId).toBe('AAMkAD-ews-saved=');
  });

  it('treats an appointment in compose form as the organizer surface', async () => {
    const context = await readItemContext(mockMailbox(organizerData));
    expect(context.kind).toBe('appointment-organizer');
    expect(context.identity.ewsId).toBe('AAMkAD-ews-meeting=');
    expect(context.addresses.map((a) => `${a.role}:${a.address}`)).toEqual([
      'organizer:anna.berger@example.com',
      'attendee:max.muster@kunde.example',
      'attendee:lena@partner.example',
    ]);
  });

  it('treats an appointment in read form as the attendee surface', async () => {
    const context = await readItemContext(mockMailbox(attendeeData));
    expect(context.kind).toBe('appointment-attendee');
    expect(context.identity.ewsId).toBe('AAMkAD-ews-appt=');
    expect(context.addresses[0]).toEqual({ address: 'max.muster@kunde.example', name: 'Max Muster', role: 'organizer' });
  });

  it('rejects with an OfficeCallError when reading recipients fails', async () => {
    const mailbox = mockMailbox({ ...composeMailData, to: { getAsync: fail('busy') } });
    await expect(readItemContext(mailbox)).rejects.toBeInstanceOf(OfficeCallError);
  });

  it('rejects when no item is open', async () => {
    await expect(readItemContext(mockMailbox(undefined as unknown as object))).rejects.toThrow('No item is open');
  });
});

describe('callOffice', () => {
  it('resolves with the value of a succeeded call', async () => {
    await expect(callOffice<string>('x', succeed('ok'))).resolves.toBe('ok');
  });

  it('rejects with operation, code and message of a failed call', async () => {
    const error = await callOffice<string>('saveAsync', fail('quota')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeCallError);
    expect((error as OfficeCallError).code).toBe(9002);
    expect((error as OfficeCallError).message).toBe('saveAsync failed: quota');
  });

  it('rejects when the Office.js call itself throws', async () => {
    await expect(
      callOffice<string>('getAsync', () => {
        throw new Error('not supported');
      }),
    ).rejects.toThrow('getAsync failed: not supported');
  });
});

import { describe, expect, it } from 'vitest';
import type { EwsMessage } from '../../../server/src/exchange/ews/ews-types';
import { mapEwsMessage } from '../../../server/src/mail-filing/ews-message.mapper';

const message: EwsMessage = {
  type: 'message',
  itemId: { id: 'AAMk-1=' },
  subject: 'Angebot 42',
  internetMessageId: '<offer-42@kunde.example>',
  conversationId: 'conv-1',
  from: { name: 'Max Muster', address: 'Max@Kunde.example' },
  toRecipients: [{ name: 'Anna', address: 'anna@tandem.test' }, { name: 'Legacy', address: '/O=EXCHANGELABS/OU=X/CN=RECIPIENTS/CN=LEGACY', routingType: 'EX' }],
  ccRecipients: [{ address: 'einkauf@kunde.example' }],
  dateTimeSent: '2026-11-24T10:00:00Z',
  dateTimeReceived: '2026-11-24T10:00:05Z',
  body: { type: 'HTML', content: '<p>Hallo</p>' },
  attachments: [
    { kind: 'file', name: 'angebot.pdf', contentType: 'application/pdf', size: 52_000, isInline: false },
    { kind: 'item', name: 'Fwd', size: 1200 },
    { kind: 'file', name: 'logo.png', contentType: 'image/png', size: 800, isInline: true, contentId: 'logo@1' },
  ],
  isDraft: false,
};

describe('mapEwsMessage', () => {
  it('maps headers, body and attachment metadata, dropping addresses that are not SMTP', () => {
    const { mail, isDraft } = mapEwsMessage(message);
    expect(isDraft).toBe(false);
    expect(mail).toEqual({
      internetMessageId: '<offer-42@kunde.example>',
      conversationId: 'conv-1',
      subject: 'Angebot 42',
      from: { email: 'max@kunde.example', name: 'Max Muster' },
      to: [{ email: 'anna@tandem.test', name: 'Anna' }],
      cc: [{ email: 'einkauf@kunde.example' }],
      sentAt: '2026-11-24T10:00:00Z',
      receivedAt: '2026-11-24T10:00:05Z',
      bodyType: 'html',
      body: '<p>Hallo</p>',
      attachments: [
        { name: 'angebot.pdf', contentType: 'application/pdf', size: 52_000, isInline: false },
        { name: 'Fwd', contentType: 'message/rfc822', size: 1200, isInline: false },
        { name: 'logo.png', contentType: 'image/png', size: 800, isInline: true, contentId: 'logo@1' },
      ],
    });
  });

  it('falls back to the sender and marks drafts', () => {
    const { mail, isDraft } = mapEwsMessage({ ...message, from: undefined, sender: { address: 'shared@kunde.example' }, isDraft: true, body: { type: 'Text', content: 'x' } });
    expect(mail.from).toEqual({ email: 'shared@kunde.example' });
    expect(mail.bodyType).toBe('text');
    expect(isDraft).toBe(true);
  });

  it('refuses a message without an Internet Message-ID, the key filing is idempotent by', () => {
    expect(() => mapEwsMessage({ ...message, internetMessageId: undefined })).toThrow('Internet Message-ID');
  });
});

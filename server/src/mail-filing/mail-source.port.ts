import type { MailFile } from '../../../shared/crm/mail.schema';

/** A mail as read from the user's mailbox, ready for the CRM's `fileMail`. */
export interface FetchedMail {
  readonly mail: MailFile;
  /** Drafts are never filed (C8). */
  readonly isDraft: boolean;
}

/**
 * The one thing filing needs from Exchange: one message of one mailbox by its item id.
 * Kept this narrow so the connection can come from the sync engine's account
 * configuration (EWS impersonation now, Graph later) without touching the service.
 */
export interface MailSource {
  fetchMessage(mailbox: string, itemId: string): Promise<FetchedMail>;
}

/** The mailbox has no such message, or it is not a message at all. */
export class MailNotFoundError extends Error {
  constructor(message = 'The mail was not found in the mailbox') {
    super(message);
    this.name = 'MailNotFoundError';
  }
}

import type { CrmStore } from '../crm/crm-store';
import type { Viewer } from '../crm/viewer';
import type { RecordRef } from '../../../shared/crm/record-ref.schema';
import type { FileMailResponse } from './file-mail.schema';
import type { MailSource } from './mail-source.port';

export class MailFilingRefusedError extends Error {
  constructor(
    readonly reason: 'foreign-mailbox' | 'draft' | 'no-account',
    message: string,
  ) {
    super(message);
    this.name = 'MailFilingRefusedError';
  }
}

export interface FileMailCommand {
  /** The signed-in user's address (from the token); filing reads only this mailbox. */
  readonly callerEmail: string | undefined;
  readonly viewer: Viewer;
  readonly mailbox: string;
  readonly ewsId: string;
  readonly records: readonly RecordRef[];
}

export interface MailFilingService {
  fileMail(command: FileMailCommand): Promise<FileMailResponse>;
}

/**
 * "File to CRM" (C8): read the mail server-side, store it once per Message-ID (the store
 * sanitises the body), then link it to the chosen records under its stable identities.
 */
export function createMailFilingService(deps: { crm: CrmStore; mailSource: MailSource }): MailFilingService {
  return {
    async fileMail(command) {
      // Impersonation could read any mailbox; only the caller's own may be filed from the pane.
      if (!command.callerEmail || command.callerEmail.toLowerCase() !== command.mailbox.toLowerCase()) {
        throw new MailFilingRefusedError('foreign-mailbox', 'Only mails of your own mailbox can be filed');
      }
      const fetched = await deps.mailSource.fetchMessage(command.mailbox, command.ewsId);
      if (fetched.isDraft) throw new MailFilingRefusedError('draft', 'Drafts are not filed');
      const { mail, created } = await deps.crm.fileMail({ ...command.viewer, origin: 'api' }, fetched.mail);
      if (command.records.length > 0) {
        await deps.crm.link(
          command.viewer,
          {
            kind: 'mail',
            mailbox: command.mailbox,
            identities: { internetMessageId: mail.internetMessageId, ewsId: command.ewsId },
            ...(mail.conversationId ? { conversationId: mail.conversationId } : {}),
            subject: mail.subject.slice(0, 1000),
          },
          command.records,
        );
      }
      return { mailId: mail.id, internetMessageId: mail.internetMessageId, created };
    },
  };
}

import { isExchangeError } from '../exchange/exchange-error';
import type { EwsClient } from '../exchange/ews/ews-client';
import { mapEwsMessage } from './ews-message.mapper';
import { MailNotFoundError, type FetchedMail, type MailSource } from './mail-source.port';

/** GetItem in the user's own mailbox through impersonation, so no user password or token is needed. */
export function createEwsMailSource(client: EwsClient): MailSource {
  return {
    async fetchMessage(mailbox: string, itemId: string): Promise<FetchedMail> {
      const [outcome] = await client.forMailbox(mailbox).getItem({ itemIds: [{ id: itemId }] });
      if (!outcome) throw new MailNotFoundError();
      if (!outcome.ok) {
        if (isExchangeError(outcome.error, 'not-found')) throw new MailNotFoundError();
        throw outcome.error;
      }
      if (outcome.value.type !== 'message') throw new MailNotFoundError('The item is not a mail');
      return mapEwsMessage(outcome.value);
    },
  };
}

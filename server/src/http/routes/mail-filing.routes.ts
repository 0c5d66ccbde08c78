import type { CrmStore } from '../../crm/crm-store';
import { fileMailRequestSchema, fileMailResponseSchema } from '../../mail-filing/file-mail.schema';
import { MailNotFoundError } from '../../mail-filing/mail-source.port';
import { MailFilingRefusedError, type MailFilingService } from '../../mail-filing/mail-filing.service';
import { HttpError } from '../http-error';
import { defineRoute, type RouteSpec } from '../route-spec';
import { viewerOf, withCrmErrors } from './crm-collection.routes';

function toHttpError(err: unknown): unknown {
  if (err instanceof MailFilingRefusedError) {
    return err.reason === 'foreign-mailbox' ? new HttpError('forbidden', err.message) : new HttpError('conflict', err.message);
  }
  if (err instanceof MailNotFoundError) return new HttpError('not_found', err.message);
  return err;
}

/** "File to CRM" for the add-in (C8), mounted at `/api/mails`. */
export function mailFilingRoutes(deps: { crm: CrmStore; filing: MailFilingService }): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/file', summary: 'File a mail of the caller’s mailbox to the CRM and link it (idempotent by Message-ID)', tag: 'crm', role: 'user',
      body: fileMailRequestSchema, response: fileMailResponseSchema,
      handle: async ({ body, principal }) =>
        withCrmErrors(async () => {
          try {
            return await deps.filing.fileMail({
              callerEmail: principal.email,
              viewer: await viewerOf(deps.crm, principal),
              mailbox: body.mailbox,
              ewsId: body.ewsId,
              records: body.records,
            });
          } catch (err) {
            throw toHttpError(err);
          }
        }),
    }),
  ];
}

import { ApiCallError } from '../../api/api-error';
import type { AdminStrings } from '../i18n/admin-strings';

/** One sentence for a failed call: the server's own message for 400/409, a fixed hint otherwise. */
export function describeApiError(error: unknown, s: AdminStrings): string {
  if (!(error instanceof ApiCallError)) return s.errors.server;
  switch (error.kind) {
    case 'offline':
      return s.errors.offline;
    case 'unauthorized':
      return s.errors.unauthorized;
    case 'forbidden':
      return s.errors.forbidden;
    case 'not-found':
      return s.errors.notFound;
    case 'invalid':
      return error.message;
    default:
      return s.errors.server;
  }
}

import { StoreError } from '../store/mailbox-store';
import type { ResponseStatus } from './soap-envelope';
import { SoapFaultError } from './operation-context';

/** Per-item failures become error response messages; anything else is a bug and rethrown. */
export function statusOf(err: unknown): ResponseStatus {
  if (err instanceof StoreError) return { code: err.responseCode, message: err.message };
  throw err;
}

export function storeError(code: string, message: string): StoreError {
  return new StoreError(code, message);
}

export function schemaError(detail: string): SoapFaultError {
  return new SoapFaultError('ErrorSchemaValidation', `The request failed schema validation: ${detail}`);
}

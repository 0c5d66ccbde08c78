import type { FieldError } from '../../../shared/api-error';

/** The record does not exist or the caller may not see it; both answer the same on purpose. */
export class CrmNotFoundError extends Error {
  override readonly name = 'CrmNotFoundError';
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

/** An update or delete named a version that is no longer current. */
export class CrmVersionConflictError extends Error {
  override readonly name = 'CrmVersionConflictError';
  constructor(
    readonly what: string,
    readonly currentVersion: number,
  ) {
    super(`${what} was changed by someone else (current version ${currentVersion})`);
  }
}

/** The payload is well-formed but refers to something missing or invisible, or breaks a uniqueness rule. */
export class CrmInvalidError extends Error {
  override readonly name = 'CrmInvalidError';
  constructor(
    message: string,
    readonly fields: FieldError[],
  ) {
    super(message);
  }
}

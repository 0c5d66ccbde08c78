/** Office.js failure turned into an Error the pane can show and tests can match. */
export class OfficeCallError extends Error {
  constructor(
    readonly operation: string,
    readonly code: number | undefined,
    message: string,
  ) {
    super(`${operation} failed: ${message}`);
    this.name = 'OfficeCallError';
  }
}

/** Wraps one callback-style Office.js call as a promise that rejects on failure. */
export function callOffice<T>(operation: string, invoke: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (String(result.status) === 'succeeded') resolve(result.value);
        else reject(new OfficeCallError(operation, result.error?.code, result.error?.message ?? 'unknown error'));
      });
    } catch (error) {
      reject(new OfficeCallError(operation, undefined, error instanceof Error ? error.message : String(error)));
    }
  });
}

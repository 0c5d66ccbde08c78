import { ExchangeError } from '../exchange-error';

/** One result per input of a batch, in input order (principle 3). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ExchangeError };

/**
 * Maps a successful outcome. A malformed success message (say, no item in `Items`) only
 * fails its own slot, so one odd answer never costs the rest of the batch.
 */
export function mapOutcome<T, U>(outcome: Outcome<T>, map: (value: T) => U): Outcome<U> {
  if (!outcome.ok) return outcome;
  try {
    return { ok: true, value: map(outcome.value) };
  } catch (err) {
    if (err instanceof ExchangeError) return { ok: false, error: err };
    throw err;
  }
}

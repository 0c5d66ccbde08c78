import { ApiCallError } from '../api/api-error';
import { SignInRequiredError } from '../auth/nested-app-auth';
import { SignInNotConfiguredError } from '../auth/token-provider';
import type { Strings } from '../i18n/strings';
import { OfficeCallError } from '../office/office-async';

export type PaneProblem = { readonly kind: 'offline' | 'error'; readonly message: string };

/** Turns any failure into one sentence for the user; details never reach the screen or a log. */
export function describeError(error: unknown, strings: Strings): PaneProblem {
  if (error instanceof ApiCallError) {
    if (error.kind === 'offline') return { kind: 'offline', message: strings.offline };
    if (error.kind === 'unauthorized') return { kind: 'error', message: strings.errorUnauthorized };
    if (error.kind === 'forbidden') return { kind: 'error', message: strings.errorForbidden };
  }
  if (error instanceof SignInNotConfiguredError) return { kind: 'error', message: strings.errorNotConfigured };
  if (error instanceof SignInRequiredError) return { kind: 'error', message: strings.errorUnauthorized };
  if (error instanceof OfficeCallError) return { kind: 'error', message: strings.errorOffice };
  return { kind: 'error', message: strings.errorGeneric };
}

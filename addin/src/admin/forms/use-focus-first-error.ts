import { useEffect, type RefObject } from 'react';
import type { FieldErrors } from './validate-form';

/** After a rejected submit, keyboard and screen-reader users land on the first wrong field. */
export function useFocusFirstError(form: RefObject<HTMLElement | null>, errors: FieldErrors, attempt: number): void {
  useEffect(() => {
    if (attempt === 0 || Object.keys(errors).length === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [form, errors, attempt]);
}

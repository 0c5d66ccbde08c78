import { fireEvent } from '@testing-library/react';

/** Sets a text control's value in one change event; typing key by key is too slow on the shared CI cores. */
export function fill(control: HTMLElement, value: string): void {
  fireEvent.change(control, { target: { value } });
}

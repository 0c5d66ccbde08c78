/** The text of the elements a control names in aria-describedby: what a screen reader reads after the label. */
export function describedMessage(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const texts = ids.map((id) => control.ownerDocument.getElementById(id)?.textContent ?? '').filter((text) => text !== '');
  return texts.find((text) => text !== '' && control.getAttribute('aria-invalid') === 'true') ?? texts.join(' ');
}

/** The text an element's aria-describedby points at, as a screen reader would read its description. */
export function descriptionOf(element: Element): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
  return ids
    .map((id) => element.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
}

/** True when the control cannot be used (disabled attribute). */
export function isDisabled(element: Element): boolean {
  return (element as HTMLButtonElement).disabled === true;
}

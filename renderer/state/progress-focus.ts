/**
 * Set when the admin confirmed a run in this window: the progress card that then appears takes the
 * focus and scrolls into view. A run already going when the app opens, or started elsewhere, does
 * not move the admin's focus.
 */
let wanted = false;

export function requestProgressFocus(): void {
  wanted = true;
}

/** True once per request: the card that shows the confirmed run's progress. */
export function takeProgressFocus(): boolean {
  const take = wanted;
  wanted = false;
  return take;
}

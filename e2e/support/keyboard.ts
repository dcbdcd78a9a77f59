import { expect, type Locator, type Page } from '@playwright/test';

const MOST_TABS = 40;

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user moves through the page. */
export async function tabTo(page: Page, target: Locator, direction: 'forward' | 'backward' = 'forward'): Promise<void> {
  const key = direction === 'forward' ? 'Tab' : 'Shift+Tab';
  for (let presses = 0; presses < MOST_TABS; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  await expect(target, `reachable with ${key} within ${MOST_TABS} presses`).toBeFocused();
}

export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element.ownerDocument.activeElement === element).catch(() => false);
}

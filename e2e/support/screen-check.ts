import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const ARTIFACTS_DIR = 'e2e/artifacts';

/**
 * One main state of a journey: its screenshot as a test artifact (`<journey>-<state>.png`), and
 * axe-core's verdict on it, which must hold no serious or critical violation.
 */
export async function checkScreen(page: Page, journey: string, state: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${journey}-${state}.png`, fullPage: true });
  // Only violations are read, so axe need not collect its passes (a third faster).
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact ?? ''} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(severe, `axe-core on ${journey}-${state}`).toEqual([]);
}

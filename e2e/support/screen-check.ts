import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const ARTIFACTS_DIR = 'e2e/artifacts';

/**
 * `<journey>-<state>.png`: the whole page from the top (a sticky app bar would otherwise land
 * mid-picture), or just the window while a dialog is open (its backdrop covers only the window).
 */
export async function screenshot(page: Page, journey: string, state: string): Promise<void> {
  const dialogOpen = (await page.getByRole('dialog').count()) > 0;
  if (!dialogOpen) await page.evaluate('window.scrollTo(0, 0)');
  await animationsEnded(page);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${journey}-${state}.png`, fullPage: !dialogOpen, animations: 'disabled' });
}

/** The parts of the Web Animations API read here. */
interface Animationish {
  playState: string;
  effect: { getComputedTiming(): { iterations?: number } } | null;
}

/**
 * A dialog's fade-in or a card's collapse is a picture of no state: wait until every finite
 * animation and transition has finished (endless ones, such as a spinner, are left running).
 */
async function animationsEnded(page: Page): Promise<void> {
  // The page's CSP forbids evaluating strings; this file is compiled without the DOM's types.
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Animationish[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
}

/**
 * One main state of a journey: its screenshot as a test artifact, and axe-core's verdict on it,
 * which must hold no serious or critical violation.
 */
export async function checkScreen(page: Page, journey: string, state: string): Promise<void> {
  await screenshot(page, journey, state);
  // Only violations are read, so axe need not collect its passes (a third faster).
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact ?? ''} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(severe, `axe-core on ${journey}-${state}`).toEqual([]);
}

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { createLogger } from '../main/log';
import { startBrowserMode } from '../main/web/browser-mode';
import { spread } from './stats';
import type { RendererResult } from './results';

const HEADING = 'Agent connections';
const LISTED = 'Dynamics 365 Sales';

/**
 * Runs in the page before the app: on every animation frame, notes the first frame in which the
 * Connectors heading is laid out, the first in which the connector list is shown, and the first in
 * which React has taken the screen over (its props sit on the navigation's buttons: until then the
 * window shows the pre-rendered HTML, which does not yet respond to clicks). A frame's
 * callbacks run just before it is painted, so these are the paint times of those frames.
 */
const FRAME_WATCH = `(() => {
  const marks = {};
  window.__benchMarks = marks;
  const headingShown = () => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role="heading"]')]
    .some((h) => h.textContent.trim() === ${JSON.stringify(HEADING)} && h.getClientRects().length > 0);
  const listShown = () => document.body !== null && document.body.textContent.includes(${JSON.stringify(LISTED)});
  const reactAttached = () => [...document.querySelectorAll('nav button')].some((b) => Object.keys(b).some((k) => k.startsWith('__reactProps')));
  const look = () => {
    if (marks.heading === undefined && headingShown()) marks.heading = performance.now();
    if (marks.listed === undefined && listShown()) marks.listed = performance.now();
    if (marks.interactive === undefined && reactAttached()) marks.interactive = performance.now();
    if (marks.heading === undefined || marks.listed === undefined || marks.interactive === undefined) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

interface LoadMarks {
  /** The HTML document fully received (after the start URL's redirect). */
  document: number;
  /** The last script fully received. */
  scripts: number;
  /** DOMContentLoaded handled: every module script has run. */
  domContentLoaded: number;
  /** The app's first call to the browser-mode API went out, and its last one (before the list showed) came back. */
  apiFirstStart: number;
  apiLastEnd: number;
  fcp: number;
  heading: number;
  listed: number;
  interactive: number;
}

/** These two run in the page, each on its own (passed as functions: the app's CSP forbids evaluating strings). */
const bothShown = () => {
  const marks = (globalThis as unknown as { __benchMarks?: Partial<LoadMarks> }).__benchMarks;
  return marks?.heading !== undefined && marks.listed !== undefined && marks.interactive !== undefined;
};
const readMarks = () => {
  // The page's Performance API (Navigation, Resource and Paint Timing); this project's types are Node's.
  // No helper functions in here: the bundler would wrap them in a name helper the page does not have.
  type Timing = { name: string; startTime: number; responseEnd: number; domContentLoadedEventEnd?: number };
  const timing = performance as unknown as { getEntriesByType(type: string): Timing[] };
  const navigation = timing.getEntriesByType('navigation')[0];
  const scripts = timing.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
  const api = timing.getEntriesByType('resource').filter((e) => e.name.includes('/api/'));
  return {
    ...(globalThis as unknown as { __benchMarks?: Partial<LoadMarks> }).__benchMarks,
    document: navigation?.responseEnd ?? -1,
    scripts: Math.max(-1, ...scripts.map((e) => e.responseEnd)),
    domContentLoaded: navigation?.domContentLoadedEventEnd ?? -1,
    apiFirstStart: Math.min(Infinity, ...api.map((e) => e.startTime)),
    apiLastEnd: Math.max(-1, ...api.map((e) => e.responseEnd)),
    fcp: timing.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? -1,
  };
};

function isLoadMarks(value: unknown): value is LoadMarks {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['document', 'scripts', 'domContentLoaded', 'apiFirstStart', 'apiLastEnd', 'fcp', 'heading', 'listed', 'interactive'].every(
    (key) => typeof v[key] === 'number',
  );
}

/**
 * Browser mode as `npm run web` serves it (the built renderer, started in-process), loaded `loads`
 * times in Debian Chromium, each in a fresh browser context (empty cache) with a fresh start URL;
 * one load before them warms the server and the browser process and is not counted. `browserUi`
 * leaves Chromium's own browser UI on (see BROWSER_UI_FEATURES), to show what it costs.
 */
export async function measureFirstPaint(
  loads: number,
  { browserUi = false } = {},
): Promise<NonNullable<RendererResult['firstPaint']> | string> {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  // A data directory of its own and a quiet log: measuring must not touch the admin's settings.
  const { server: app } = await startBrowserMode({ dataDir: mkdtempSync(join(tmpdir(), 'ac-bench-')), log: createLogger(() => undefined) });
  const args = browserUi ? CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--disable-features=')) : CHROMIUM_ARGS;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  try {
    const samples: LoadMarks[] = [];
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.addInitScript(FRAME_WATCH);
        await page.goto(app.startUrl());
        await page.waitForFunction(bothShown);
        const marks: unknown = await page.evaluate(readMarks);
        if (!isLoadMarks(marks)) throw new Error(`first paint: unexpected marks ${JSON.stringify(marks)}`);
        if (i > 0) samples.push(marks);
      } finally {
        await context.close();
      }
    }
    const of = (key: keyof LoadMarks) => spread(samples.map((s) => s[key]));
    return {
      loads: samples.length,
      documentMs: of('document'),
      scriptsMs: of('scripts'),
      domContentLoadedMs: of('domContentLoaded'),
      apiFirstStartMs: of('apiFirstStart'),
      apiLastEndMs: of('apiLastEnd'),
      firstContentfulPaintMs: of('fcp'),
      headingVisibleMs: of('heading'),
      connectorsListedMs: of('listed'),
      interactiveMs: of('interactive'),
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** The browser the first-paint benchmark loads the app in, and how it starts it. */
export const CHROMIUM = '/usr/bin/chromium';
/**
 * Chromium, unlike the Electron window it stands in for, builds its own browser UI for every new
 * window: with these features on, a second renderer loads the omnibox popup's WebUI during each load,
 * taking about half of this machine's two cores while the app's page starts. Electron has no such UI.
 */
export const BROWSER_UI_FEATURES = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];
/** How both the Playwright journeys and the benchmark start Chromium here: no sandbox, GPU or background traffic. */
export const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
export const CHROMIUM_ARGS = [...CHROMIUM_BASE_ARGS, `--disable-features=${BROWSER_UI_FEATURES.join(',')}`];

import { describe, expect, it, vi } from 'vitest';
import { menuItems, opensDevTools } from '../test/support/electron/menu-items';

const created: { options: Record<string, unknown>; url?: string }[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = { id: 1 };
    constructor(public options: Record<string, unknown>) {
      created.push({ options });
    }
    once() {}
    loadURL(url: string) {
      created[created.length - 1]!.url = url;
      return Promise.resolve();
    }
  },
}));

const { applicationMenuTemplate, createMainWindow, secureWebPreferences, APP_ORIGIN } = await import('./window');

describe('main window', () => {
  it('runs the renderer sandboxed, isolated and without Node', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app from its own protocol with the CommonJS preload and a desktop-sized minimum', () => {
    createMainWindow('/app/out');
    const window = created.at(-1)!;
    expect(window.url).toBe(`${APP_ORIGIN}/index.html`);
    expect(window.options).toMatchObject({ minWidth: 1024, minHeight: 700, show: false });
    expect((window.options.webPreferences as { preload: string }).preload).toBe('/app/out/preload/index.cjs');
  });

  it('gives DevTools neither to the renderer nor to a shortcut in a packaged build', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', { packaged: true }).devTools).toBe(false);
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const items = menuItems(applicationMenuTemplate({ packaged: true, platform }));
      expect(items.filter(opensDevTools)).toEqual([]);
      expect(items.map((i) => i.role)).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'zoomIn']));
    }
  });

  it('keeps DevTools in dev builds', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', { packaged: false }).devTools).toBe(true);
    expect(menuItems(applicationMenuTemplate({ packaged: false, platform: 'linux' })).filter(opensDevTools)).toHaveLength(1);
  });
});

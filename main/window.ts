import { join } from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'agent-connections';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Set explicitly (not left to defaults) so a test can assert each one. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

export function createMainWindow(outDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Agent Connections',
    webPreferences: secureWebPreferences(join(outDir, 'preload', 'index.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

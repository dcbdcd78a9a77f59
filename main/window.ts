import { join } from 'node:path';
import { BrowserWindow, type MenuItemConstructorOptions, type WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'agent-connections';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface BuildKind {
  /** `app.isPackaged`: what admins run. Only dev builds get DevTools. */
  packaged: boolean;
}

/** Set explicitly (not left to defaults) so a test can assert each one. */
export function secureWebPreferences(preloadPath: string, build: BuildKind = { packaged: true }): WebPreferences {
  return {
    preload: preloadPath,
    devTools: !build.packaged,
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

export function createMainWindow(outDir: string, build: BuildKind = { packaged: true }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Agent Connections',
    webPreferences: secureWebPreferences(join(outDir, 'preload', 'index.cjs'), build),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu, spelled out item by item: Electron's default menu and its `viewMenu` role
 * carry DevTools (Ctrl+Shift+I / Alt+Cmd+I), which would let anyone at an admin's desk read and
 * drive the renderer of a packaged build. Dev builds keep DevTools and reload.
 */
export function applicationMenuTemplate(
  build: BuildKind & { platform: NodeJS.Platform; installCommand?: () => void },
): MenuItemConstructorOptions[] {
  const mac = build.platform === 'darwin';
  // Only an installed app has the launcher to link; Windows' installer puts it on the PATH itself.
  const command: MenuItemConstructorOptions[] =
    build.packaged && build.installCommand && build.platform !== 'win32'
      ? [{ label: "Install 'agent-connections' Command in PATH", click: build.installCommand }, separator]
      : [];
  const developer: MenuItemConstructorOptions[] = build.packaged
    ? []
    : [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  const appMenu: MenuItemConstructorOptions = mac
    ? {
        label: 'Agent Connections',
        submenu: [
          { role: 'about' },
          separator,
          ...command,
          { role: 'services' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { role: 'quit' },
        ],
      }
    : { label: 'File', submenu: [...command, { role: 'quit' }] };
  return [
    appMenu,
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }, ...developer],
    },
    {
      label: 'Window',
      submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
    },
  ];
}

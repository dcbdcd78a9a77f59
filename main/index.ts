import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, net, Notification, protocol, safeStorage, session, shell } from 'electron';
import type { Handlers } from '../common';
import { checkConnectionOnLaunch, createApp } from './app';
import { dataDirFromEnv } from './data-dir';
import { demoLoginUrlFrom, ensureDemoProfile } from './demo/demo-profile';
import { writeExportFile } from './export/safe-write';
import { registerIpcHandlers, sendEvent } from './ipc/handle';
import { consoleLogger } from './log';
import { firstLookOf, indexHtmlFor } from './renderer-index';
import { desktopCsp } from './security/csp';
import { createGuardedOpener, overrideOrigins } from './security/open-external';
import { mimeTypeOf, resolveStaticFile } from './security/static-files';
import { ELECTRON_CLI_SWITCH, installShellCommand, shellCommandMessage } from './shell-command/install';
import { createEventHub } from './transport/event-hub';
import type { FileSaver } from './host-seams';
import { createElectronStoreFactory } from './store/electron-store';
import { createEncryptedVault, createMemoryVault, type SecretVault } from './store/vault';
import type { DocumentStoreFactory } from './store/document-store';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, applicationMenuTemplate, createMainWindow } from './window';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rendererRoot = join(outDir, 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (process.argv.includes(ELECTRON_CLI_SWITCH)) {
  runCommandLine();
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0];
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('certificate-error', (event, _contents, _url, _error, _certificate, callback) => {
    event.preventDefault();
    callback(false);
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

/**
 * `agent-connections` without Node.js on the PATH (packaging/bin/): the app runs the CLI's bundle
 * in this process, which exits when the command ends, and opens no window.
 */
function runCommandLine(): void {
  app.dock?.hide();
  const bundle = join(outDir, 'cli', 'agent-connections.mjs').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  void import(pathToFileURL(bundle).href);
}

/** The menu's "Install 'agent-connections' command in PATH" (macOS, Linux), as VS Code offers `code`. */
function installCommandFromMenu(): void {
  const launcher = join(process.resourcesPath, 'bin', 'agent-connections');
  const result = installShellCommand({ launcher, platform: process.platform, home: app.getPath('home'), path: process.env.PATH ?? '' });
  void dialog.showMessageBox({ type: result.kind === 'refused' ? 'warning' : 'info', message: shellCommandMessage(result) });
}

/** Linux without a key ring gives `basic_text` (a hard-coded password): keep secrets in memory there. */
async function createVault(stores: DocumentStoreFactory): Promise<SecretVault> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  if (!available || (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')) {
    return createMemoryVault();
  }
  return createEncryptedVault(stores, {
    encrypt: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  });
}

const saveWithDialog: FileSaver = {
  async save(file) {
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const options = { defaultPath: file.fileName };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
    return { kind: 'saved', path: await writeExportFile(choice.filePath, file.content) };
  },
};

function serveRenderer(handlers: Handlers): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticFile(rendererRoot, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const body =
      basename(file) === 'index.html' ? indexHtmlFor(await response.text(), await firstLookOf(handlers)) : await response.arrayBuffer();
    return new Response(body, {
      headers: { 'content-type': mimeTypeOf(file), 'content-security-policy': desktopCsp, 'x-content-type-options': 'nosniff' },
    });
  });
}

function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}

async function start(): Promise<void> {
  denyPermissions();
  const build = { packaged: app.isPackaged };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(applicationMenuTemplate({ ...build, platform: process.platform, installCommand: installCommandFromMenu })),
  );
  const dataDir = dataDirFromEnv(() => app.getPath('userData'));
  const stores = createElectronStoreFactory(dataDir);
  const events = createEventHub();
  const log = consoleLogger();
  const windows = new Set<Electron.WebContents>();
  events.subscribe(({ event, payload }) => sendEvent(windows, event, payload as never));
  // A profile the admin allowed any host for (the demo org, an emulator) may open links on its own origin.
  let profileOrigins: () => string[] = () => [];
  const services = createApp({
    info: { name: 'Agent Connections', version: app.getVersion(), platform: process.platform, locale: app.getLocale(), host: 'desktop' },
    stores,
    vault: await createVault(stores),
    files: saveWithDialog,
    external: createGuardedOpener(
      (url) => shell.openExternal(url),
      () => profileOrigins(),
    ),
    events,
    log,
    opensBrowser: true,
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });
  profileOrigins = () => overrideOrigins(services.settings.get().orgProfiles);
  services.auth.onSignedIn(() => {
    const window = BrowserWindow.getAllWindows()[0];
    window?.show();
    window?.focus();
  });
  const demoLoginUrl = demoLoginUrlFrom(process.env, build.packaged);
  if (demoLoginUrl) ensureDemoProfile(services.settings, demoLoginUrl);
  registerIpcHandlers(services.handlers, { appOrigin: APP_ORIGIN, trustedIds: () => new Set([...windows].map((w) => w.id)) });
  serveRenderer(services.handlers);
  const window = createMainWindow(outDir, build);
  void checkConnectionOnLaunch(services, log);
  windows.add(window.webContents);
  window.on('closed', () => windows.clear());
}

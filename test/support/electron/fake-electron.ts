/**
 * Test-only stand-in for the `electron` module (the binary cannot be installed here), for
 * `vi.mock('electron', () => import('../test/support/electron/fake-electron'))`. It records what main registers,
 * so a test can fire the events Electron would and check what main answers.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  /** Calls every listener of `name`, as Electron would when the event happens. */
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
  has(name: string): boolean {
    return (this.listeners.get(name)?.length ?? 0) > 0;
  }
}

/** An event whose default a handler may prevent (navigation, certificate errors...). */
export function fakeEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow extends Emitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return windows;
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return null;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

class FakeApp extends Emitter {
  isPackaged = true;
  sandboxEnabled = false;
  userData = '';
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  quit(): void {}
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name !== 'userData' || !this.userData) throw new Error(`fake electron: no path for ${name}`);
    return this.userData;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getLocale(): string {
    return 'en-US';
  }
}

export type ProtocolHandler = (request: Request) => Promise<Response>;
export type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
export type IpcHandler = (event: unknown, payload: unknown) => Promise<unknown>;

/** Everything main registered, for tests to drive. */
export const recorded = {
  privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
  protocolHandlers: new Map<string, ProtocolHandler>(),
  fetchedFiles: [] as string[],
  ipcHandlers: new Map<string, IpcHandler>(),
  menu: null as { template: unknown[] } | null,
  permissionRequest: undefined as PermissionRequestHandler | undefined,
  permissionCheck: undefined as ((...args: unknown[]) => boolean) | undefined,
  devicePermission: undefined as ((...args: unknown[]) => boolean) | undefined,
  openedExternally: [] as string[],
};

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

/** Serves file: URLs from disk, and records each, so a test sees which files a request reached. */
export const net = {
  async fetch(url: string): Promise<Response> {
    recorded.fetchedFiles.push(url);
    return new Response(await readFile(fileURLToPath(url)));
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      recorded.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
      recorded.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
      recorded.devicePermission = handler;
    },
  },
};

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    recorded.ipcHandlers.set(channel, handler);
  },
  // electron-store answers its renderer-side constructor here; main's own windows never ask.
  on(): void {},
};

export const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    recorded.menu = menu;
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    recorded.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showSaveDialog(): Promise<{ canceled: boolean; filePath?: string }> {
    return Promise.resolve({ canceled: true });
  },
};

/** No OS key store: main must fall back to keeping secrets in memory. */
export const safeStorage = {
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(false);
  },
  getSelectedStorageBackend(): string {
    return 'basic_text';
  },
};

/** electron-store imports electron's default export. */
export default { app, BrowserWindow, protocol, net, session, ipcMain, Menu, shell, dialog, safeStorage };

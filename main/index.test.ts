import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelOf, operationNames } from '../common';
import { app, fakeEvent, FakeBrowserWindow, FakeWebContents, recorded } from '../test/support/electron/fake-electron';
import { looseEntries } from '../test/support/electron/file-modes';
import { menuItems, opensDevTools, type MenuItem } from '../test/support/electron/menu-items';

// The desktop entry point as Electron runs it, over a fake Electron that records what main wires up.
vi.mock('electron', () => import('../test/support/electron/fake-electron'));

const userData = join(mkdtempSync(join(tmpdir(), 'ac-desktop-')), 'Agent Connections');
let window: FakeBrowserWindow;

beforeAll(async () => {
  vi.stubEnv('AGENT_CONNECTIONS_DATA_DIR', '');
  app.userData = userData;
  app.isPackaged = true;
  await import('./index');
  window = await vi.waitFor(() => FakeBrowserWindow.getAllWindows()[0] ?? Promise.reject(new Error('no window yet')));
});

/** A web contents as Electron announces it, locked down by whatever main registered. */
function createdContents(): FakeWebContents {
  const contents = new FakeWebContents();
  app.emit('web-contents-created', fakeEvent(), contents);
  return contents;
}

const appRequest = (url: string) => recorded.protocolHandlers.get('app')!(new Request(url));

describe('the desktop app', () => {
  it('runs its window sandboxed, context-isolated, without Node, with web security and without DevTools', () => {
    expect(app.sandboxEnabled).toBe(true);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(window.loadedUrl).toBe('app://agent-connections/index.html');
    expect(recorded.privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ secure: true, standard: true }) }),
    ]);
  });

  it('lets no page navigate, redirect, embed a webview or open a window', () => {
    const contents = createdContents();
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent();
      contents.emit(name, event, 'https://attacker.example/');
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
  });

  it('grants no permission a page asks for', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      recorded.permissionRequest?.(window.webContents, permission, callback);
      expect(callback.mock.calls, permission).toEqual([[false]]);
      expect(recorded.permissionCheck?.(window.webContents, permission, 'app://agent-connections')).toBe(false);
    }
    expect(recorded.devicePermission?.({ deviceType: 'usb' })).toBe(false);
  });

  it('does not trust a certificate Chromium refused', () => {
    const callback = vi.fn();
    app.emit(
      'certificate-error',
      fakeEvent(),
      window.webContents,
      'https://login.salesforce.com/',
      'net::ERR_CERT_AUTHORITY_INVALID',
      {},
      callback,
    );
    expect(callback.mock.calls).toEqual([[false]]);
  });

  it('serves the app from its own host with a CSP that allows only its own scripts and no network', async () => {
    const response = await appRequest('app://agent-connections/index.html');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves nothing to another host or outside the built renderer', async () => {
    const fetchedBefore = recorded.fetchedFiles.length;
    for (const url of [
      'app://attacker.example/index.html',
      'app://agent-connections/..%2Fpackage.json',
      'app://agent-connections/%2e%2e%2F%2e%2e%2Fetc%2Fpasswd',
      'app://agent-connections/..%5Cpackage.json',
    ]) {
      expect((await appRequest(url)).status, url).toBe(404);
    }
    expect(recorded.fetchedFiles.slice(fetchedBefore)).toEqual([]);
  });

  it('answers IPC only from the main frame of its own window, at its own origin', async () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(operationNames.map(channelOf).sort());
    const invoke = recorded.ipcHandlers.get(channelOf('app.info'))!;
    const ownFrame = { url: 'app://agent-connections/index.html', parent: null };
    expect(await invoke({ sender: { id: window.webContents.id }, senderFrame: ownFrame }, {})).toMatchObject({ ok: true });
    const forged = [
      { sender: { id: createdContents().id }, senderFrame: ownFrame },
      { sender: { id: window.webContents.id }, senderFrame: { url: 'https://attacker.example/', parent: null } },
      { sender: { id: window.webContents.id }, senderFrame: { url: 'app://agent-connections/index.html', parent: ownFrame } },
      { sender: { id: window.webContents.id }, senderFrame: null },
    ];
    for (const event of forged) {
      expect(await invoke(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  it('gives a packaged build a menu without DevTools', () => {
    const items = menuItems((recorded.menu?.template ?? []) as MenuItem[]);
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter(opensDevTools)).toEqual([]);
  });

  it('keeps its data folder readable only by the admin', () => {
    expect(looseEntries(userData)).toEqual([]);
  });
});

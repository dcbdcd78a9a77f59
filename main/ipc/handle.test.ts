import { describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../common';
import { createTestApp } from '../../test/support/headless-app';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));

const { createIpcInvoker, isTrustedSender, registerIpcHandlers } = await import('./handle');
const { ipcMain } = await import('electron');

const appOrigin = 'app://agent-connections';
const policy = { appOrigin, trustedIds: () => new Set([7]) };
const trusted = { sender: { id: 7 }, senderFrame: { url: `${appOrigin}/index.html`, parent: null } };

/** A payload no operation accepts: every input schema is a strict object. */
const malformed = { unexpected: ['not', 'allowed'], __proto__pollution: true };

describe('IPC sender check', () => {
  it.each([
    ['an unknown webContents', { ...trusted, sender: { id: 8 } }],
    ['a sub-frame', { ...trusted, senderFrame: { url: `${appOrigin}/index.html`, parent: {} } }],
    ['a foreign origin', { ...trusted, senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['a destroyed frame', { ...trusted, senderFrame: null }],
    ['a file:// page', { ...trusted, senderFrame: { url: 'file:///etc/passwd', parent: null } }],
  ])('refuses %s', (_label, event) => {
    expect(isTrustedSender(event, policy)).toBe(false);
  });

  it('accepts the app window main frame', () => {
    expect(isTrustedSender(trusted, policy)).toBe(true);
  });
});

describe('every registered operation', () => {
  const { app } = createTestApp();
  const invoke = createIpcInvoker(app.handlers, policy);

  it('registers one handler per contract operation', () => {
    registerIpcHandlers(app.handlers, policy);
    const channels = vi.mocked(ipcMain.handle).mock.calls.map(([channel]) => channel);
    expect(channels).toHaveLength(operationNames.length);
    expect(new Set(channels).size).toBe(operationNames.length);
  });

  it.each(operationNames)('%s refuses a forged sender before doing anything', async (name) => {
    const result = await invoke({ ...trusted, senderFrame: { url: 'https://evil.example/', parent: null } }, name, {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) });
  });

  it.each(operationNames)('%s refuses a malformed payload', async (name) => {
    const result = await invoke(trusted, name, malformed);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) });
  });

  it('answers a valid call from the app window', async () => {
    const result = await invoke(trusted, 'connectors.list', {});
    expect(result.ok).toBe(true);
  });
});

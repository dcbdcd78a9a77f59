import { describe, expect, it, vi } from 'vitest';
import { channelOf, eventChannel, operationNames } from '../common';
import { createIpcBridge, type IpcLike } from './ipc-bridge';

function fakeIpc() {
  const listeners = new Set<(event: unknown, message: unknown) => void>();
  const ipc: IpcLike & { fire(message: unknown): void } = {
    invoke: vi.fn(() => Promise.resolve({ ok: true, value: 'answer' })),
    on: (_channel, listener) => void listeners.add(listener),
    removeListener: (_channel, listener) => void listeners.delete(listener),
    fire: (message) => listeners.forEach((l) => l({ sender: 'secret ipc event' }, message)),
  };
  return ipc;
}

describe('preload bridge', () => {
  it('exposes exactly one function per operation plus on, and is frozen', () => {
    const bridge = createIpcBridge(fakeIpc());
    expect(Object.keys(bridge).sort()).toEqual([...operationNames, 'on'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge)).not.toContain('invoke');
  });

  it('invokes the operation channel derived from the contract', async () => {
    const ipc = fakeIpc();
    const bridge = createIpcBridge(ipc);
    await expect(bridge['settings.update']({ theme: 'dark' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(ipc.invoke).toHaveBeenCalledWith(channelOf('settings.update'), { theme: 'dark' });
  });

  it('hands listeners only the payload, never the IPC event, and unsubscribes', () => {
    const ipc = fakeIpc();
    const bridge = createIpcBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.on('auth.changed', (...args: unknown[]) => received.push(args));
    ipc.fire({ event: 'auth.changed', payload: { state: 'signedOut', profileId: null } });
    ipc.fire({ event: 'connection.changed', payload: {} });
    ipc.fire({ event: 'not.an.event', payload: {} });
    off();
    ipc.fire({ event: 'auth.changed', payload: { state: 'signedOut', profileId: 'late' } });
    expect(received).toEqual([[{ state: 'signedOut', profileId: null }]]);
    expect(eventChannel).toMatch(/event/);
  });
});

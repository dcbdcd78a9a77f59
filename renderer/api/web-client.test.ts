import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebApi } from './web-client';

/** A stand-in for the browser's WebSocket: the test opens, closes and feeds each socket by hand. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.made.push(this);
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  close() {
    this.dispatchEvent(new Event('close'));
  }
  push(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
}

const last = () => FakeSocket.made.at(-1) as FakeSocket;

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('browser mode event socket', () => {
  it('passes main\'s events to their listeners and ignores unknown ones', () => {
    const api = createWebApi({ protocol: 'http:', host: '127.0.0.1:4000' } as Location);
    const seen: unknown[] = [];
    api.on('settings.changed', (payload) => seen.push(payload));
    last().open();
    last().push({ event: 'settings.changed', payload: { theme: 'dark' } });
    last().push({ event: 'something.else', payload: 1 });
    expect(seen).toEqual([{ theme: 'dark' }]);
    expect(last().url).toBe('ws://127.0.0.1:4000/events');
  });

  it('reconnects a second after a drop, and backs off while the server keeps refusing', () => {
    createWebApi({ protocol: 'http:', host: '127.0.0.1:4000' } as Location);
    last().open();
    last().close();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.made).toHaveLength(2);

    // Refused (never opens): 2 s, then 4 s, 8 s, ... up to 30 s between tries.
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = FakeSocket.made.length;
      last().close();
      let waited = 0;
      while (FakeSocket.made.length === before) {
        vi.advanceTimersByTime(1000);
        waited += 1000;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);

    last().open();
    last().close();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.made).toHaveLength(9);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebApi, takeSessionSecret } from './web-client';

/** A stand-in for the browser's WebSocket: the test opens, closes and feeds each socket by hand. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  constructor(
    readonly url: string,
    readonly protocols: string[] = [],
  ) {
    super();
    FakeSocket.made.push(this);
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  close(code = 1006) {
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }
  push(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
}

const page = { protocol: 'http:', host: '127.0.0.1:4000' } as Location;
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
  it("passes main's events to their listeners and ignores unknown ones", () => {
    const api = createWebApi(page, 'page-secret');
    const seen: unknown[] = [];
    api.on('settings.changed', (payload) => seen.push(payload));
    last().open();
    last().push({ event: 'settings.changed', payload: { theme: 'dark' } });
    last().push({ event: 'something.else', payload: 1 });
    expect(seen).toEqual([{ theme: 'dark' }]);
    expect(last().url).toBe('ws://127.0.0.1:4000/events');
    expect(last().protocols).toEqual(['agent-connections', 'agent-connections.session.page-secret']);
  });

  it('reconnects a second after a drop, and backs off while the server keeps refusing', () => {
    createWebApi(page, 'page-secret');
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

describe('browser mode session', () => {
  it("presents the page's secret on every call, never a cookie", async () => {
    const fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify({ ok: true, value: { theme: 'dark' } }), { status: 200 })));
    vi.stubGlobal('fetch', fetchMock);
    const api = createWebApi(page, 'page-secret');
    await expect(api['settings.get']({})).resolves.toEqual({ theme: 'dark' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/settings.get',
      expect.objectContaining({
        credentials: 'omit',
        headers: expect.objectContaining({ 'x-agent-connections-session': 'page-secret' }),
      }),
    );
  });

  it('tells the admin to open the newly printed address once the server says the session ended, and stops the socket retrying', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(new Response('ended', { status: 401 })));
    vi.stubGlobal('fetch', fetchMock);
    const api = createWebApi(page, 'page-secret');
    last().open();
    await expect(api['settings.get']({})).rejects.toMatchObject({
      error: { code: 'BROWSER_SESSION_ENDED', message: expect.stringContaining('npm run web') },
    });
    await expect(api['connectors.list']({})).rejects.toMatchObject({ error: { code: 'BROWSER_SESSION_ENDED' } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    last().close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(1);
  });

  it('does not retry a socket the server closed because the session ended', () => {
    createWebApi(page, 'page-secret');
    last().open();
    last().close(4401);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(1);
  });

  it('a page opened without a secret (reloaded) says so instead of calling', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const api = createWebApi(page, null);
    await expect(api['app.info']({})).rejects.toMatchObject({ error: { code: 'BROWSER_SESSION_ENDED' } });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(FakeSocket.made).toHaveLength(0);
  });

  it('takes the secret out of the page it was served in', () => {
    document.head.insertAdjacentHTML('beforeend', '<meta name="agent-connections-session" content="from-server" />');
    expect(takeSessionSecret(document)).toBe('from-server');
    expect(document.querySelector('meta[name="agent-connections-session"]')).toBeNull();
    expect(takeSessionSecret(document)).toBeNull();
  });
});

import type { AgentConnectionsApi, Result } from '../../common';
import { eventNames, operationNames, type EventName } from '../../common/contract-names';
import { appError } from '../../common/failure';
import { unwrapResult } from './bridge';

type Listener = (payload: unknown) => void;

/**
 * Browser mode: the same contract over `POST /api/<operation>` and one WebSocket for events. The
 * session cookie set from the one-time token authenticates both; the socket reconnects if the
 * server restarts while the page is open.
 */
export function createWebApi(base: Location = window.location): AgentConnectionsApi {
  const listeners = new Map<EventName, Set<Listener>>();
  connectEvents(base, listeners);
  const api: Record<string, unknown> = {
    on(event: EventName, listener: Listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  for (const name of operationNames) {
    api[name] = async (input: unknown) => unwrapResult(await post(name, input ?? {}));
  }
  return api as AgentConnectionsApi;
}

async function post(name: string, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
    if (response.status === 403) {
      return { ok: false, error: appError('FORBIDDEN_SENDER', 'This browser session has ended. Open the address printed by "npm run web" again.') };
    }
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: appError('INTERNAL', 'Agent Connections is not running any more. Start it again and reload this page.') };
  }
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * Reconnects a second after a dropped socket (the server restarted); while the server keeps refusing
 * it (stopped, or this browser session ended), waits twice as long each time, up to half a minute.
 */
function connectEvents(base: Location, listeners: Map<EventName, Set<Listener>>, retryMs = FIRST_RETRY_MS): void {
  const protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${protocol}//${base.host}/events`);
  let opened = false;
  socket.addEventListener('open', () => {
    opened = true;
  });
  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const parsed = JSON.parse(message.data) as { event?: unknown; payload?: unknown };
    if (typeof parsed.event === 'string' && (eventNames as readonly string[]).includes(parsed.event)) {
      for (const listener of listeners.get(parsed.event as EventName) ?? []) listener(parsed.payload);
    }
  });
  socket.addEventListener('close', () => {
    const wait = opened ? FIRST_RETRY_MS : retryMs;
    setTimeout(() => connectEvents(base, listeners, Math.min(wait * 2, MAX_RETRY_MS)), wait);
  });
}

import type { AgentConnectionsApi, Result } from '../../common';
import {
  EVENTS_PROTOCOL,
  LAUNCH_META_NAME,
  SESSION_END_PATH,
  SESSION_ENDED_CLOSE_CODE,
  SESSION_HEADER,
  SESSION_META_NAME,
  SESSION_PROTOCOL_PREFIX,
} from '../../common/browser-session';
import { eventNames, operationNames, type EventName } from '../../common/contract-names';
import { appError } from '../../common/app-error';
import { unwrapResult } from './desktop-api';

type Listener = (payload: unknown) => void;

/** What this page knows about its browser session; `ended` stops the socket from retrying a dead one. */
interface Session {
  secret: string | null;
  ended: boolean;
}

/** The command the admin ran (`./scripts/try.sh`, `npm run web`), as the server named it in the page. */
const launchedBy = (): string =>
  (typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>(`meta[name="${LAUNCH_META_NAME}"]`)?.content) ||
  'npm run web';

const sessionEnded = () => {
  const command = launchedBy();
  return appError(
    'BROWSER_SESSION_ENDED',
    `This browser session has ended (it was idle too long, signed out, or the page was reloaded). Open the new address printed by "${command}" in the terminal where it runs.`,
    { params: { command } },
  );
};

/**
 * The session secret the server put in the page it served for the one-time link. It moves into
 * memory and out of the document, and the used token leaves the address bar: neither storage nor
 * cookies would keep it from other processes on 127.0.0.1.
 */
export function takeSessionSecret(doc: Document = document): string | null {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${SESSION_META_NAME}"]`);
  meta?.remove();
  if (doc.defaultView && new URLSearchParams(doc.defaultView.location.search).has('token'))
    doc.defaultView.history.replaceState(null, '', '/');
  return meta?.content || null;
}

/**
 * Browser mode: the same contract over `POST /api/<operation>` and one WebSocket for events, each
 * presenting the page's session secret. The socket reconnects if the server restarts while the page
 * is open; once the server says the session has ended, calls fail with BROWSER_SESSION_ENDED.
 */
export function createWebApi(base: Location = window.location, secret: string | null = takeSessionSecret()): AgentConnectionsApi {
  const session: Session = { secret, ended: secret === null };
  const listeners = new Map<EventName, Set<Listener>>();
  connectEvents(base, session, listeners);
  endOnLeave(session);
  const api: Record<string, unknown> = {
    on(event: EventName, listener: Listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  for (const name of operationNames) {
    api[name] = async (input: unknown) => unwrapResult(await post(session, name, input ?? {}));
  }
  return api as AgentConnectionsApi;
}

async function post(session: Session, name: string, input: unknown): Promise<Result<unknown>> {
  if (session.ended || session.secret === null) return { ok: false, error: sessionEnded() };
  try {
    const response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SESSION_HEADER]: session.secret },
      credentials: 'omit',
      body: JSON.stringify(input),
    });
    if (response.status === 401) {
      session.ended = true;
      return { ok: false, error: sessionEnded() };
    }
    if (response.status === 403) {
      return {
        ok: false,
        error: appError('FORBIDDEN_SENDER', `The app refused this page. Open the address printed by "${launchedBy()}" again.`),
      };
    }
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: appError('INTERNAL', 'Agent Connections is not running any more. Start it again and reload this page.') };
  }
}

/** A page that goes away (closed, reloaded, navigated) ends its session: nothing else holds the secret. */
function endOnLeave(session: Session): void {
  if (typeof window === 'undefined') return;
  window.addEventListener('pagehide', (event) => {
    if (event.persisted || session.ended || session.secret === null) return;
    session.ended = true;
    void fetch(SESSION_END_PATH, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: { [SESSION_HEADER]: session.secret },
    }).catch(() => undefined);
  });
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * Reconnects a second after a dropped socket (the server restarted); while the server keeps refusing
 * it (stopped, or this browser session ended), waits twice as long each time, up to half a minute.
 * A socket the server closed because the session ended is not retried.
 */
function connectEvents(base: Location, session: Session, listeners: Map<EventName, Set<Listener>>, retryMs = FIRST_RETRY_MS): void {
  if (session.ended || session.secret === null) return;
  const protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${protocol}//${base.host}/events`, [EVENTS_PROTOCOL, SESSION_PROTOCOL_PREFIX + session.secret]);
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
  socket.addEventListener('close', (event: CloseEvent) => {
    if (event.code === SESSION_ENDED_CLOSE_CODE) session.ended = true;
    const wait = opened ? FIRST_RETRY_MS : retryMs;
    setTimeout(() => connectEvents(base, session, listeners, Math.min(wait * 2, MAX_RETRY_MS)), wait);
  });
}

import { createContext, useContext, type ReactNode } from 'react';
import type { AgentConnectionsApi, AppError, AppInfo, AuthStatus, ConnectionState, Settings } from '../../common';
import { toAppError } from '../../common/app-error';

/** What main owns and pushes: the renderer mirrors it, so leaving a screen and coming back loses nothing. */
export interface LiveState {
  info: AppInfo;
  settings: Settings;
  auth: AuthStatus;
  connection: ConnectionState;
}

export interface LiveContextValue {
  live: LiveState;
  /** Operations return the new state; screens hand it here so the UI never waits for the event. */
  update: (patch: Partial<LiveState>) => void;
  /**
   * Counts connection events. A run can finish, and its events arrive, before the call that started
   * it answers (HTTP and the event socket are separate): compare stamps so an older answer never
   * overwrites a newer event.
   */
  connectionStamp: () => number;
}

export type LiveLoad = { phase: 'loading' } | { phase: 'failed'; error: AppError } | { phase: 'ready'; value: LiveContextValue };

/** The live state outside React, so its first calls can start before the UI's code has even rendered. */
export interface LiveStore {
  subscribe: (listener: () => void) => () => void;
  snapshot: () => LiveLoad;
  /** Always "loading": the state the pre-rendered shell shows, which hydration must start from. */
  initial: () => LiveLoad;
}

const LOADING: LiveLoad = { phase: 'loading' };

/**
 * Sends the four initial calls at once and keeps the result current from main's events. Created
 * once per app (main.tsx makes it before React renders); it lives as long as the page.
 */
export function createLiveStore(api: AgentConnectionsApi): LiveStore {
  const listeners = new Set<() => void>();
  let load = LOADING;
  const set = (next: LiveLoad) => {
    load = next;
    for (const listener of listeners) listener();
  };
  let connectionStamp = 0;
  const ready = (live: LiveState) =>
    set({ phase: 'ready', value: { live, update: (change) => patch(() => change), connectionStamp: () => connectionStamp } });
  // Events before the first state arrives carry nothing the initial calls do not return.
  const patch = (change: (current: LiveState) => Partial<LiveState>) => {
    if (load.phase === 'ready') ready({ ...load.value.live, ...change(load.value.live) });
  };
  api.on('auth.changed', (auth) => patch(() => ({ auth })));
  api.on('connection.changed', (connection) => {
    connectionStamp += 1;
    patch(() => ({ connection }));
  });
  api.on('connection.progress', (run) => {
    connectionStamp += 1;
    patch((current) => ({ connection: { ...current.connection, run } }));
  });
  api.on('settings.changed', (settings) => patch(() => ({ settings })));
  Promise.all([api['app.info']({}), api['settings.get']({}), api['auth.status']({}), api['connection.state']({})]).then(
    ([info, settings, auth, connection]) => ready({ info, settings, auth, connection }),
    (thrown: unknown) => set({ phase: 'failed', error: toAppError(thrown) }),
  );
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => load,
    initial: () => LOADING,
  };
}

const LiveContext = createContext<LiveContextValue | null>(null);

/** `value` is null until the live state has loaded: the shell paints first, the data fills in. */
export function LiveProvider({ value, children }: { value: LiveContextValue | null; children: ReactNode }) {
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** For parts of the first screen that paint before the live state arrives. */
export function useLiveIfLoaded(): LiveContextValue | null {
  return useContext(LiveContext);
}

export function useLive(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive() needs a <LiveProvider> with the loaded live state above it.');
  return value;
}

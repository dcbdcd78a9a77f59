import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { toAppError, type AppError, type AppInfo, type AuthStatus, type ConnectionState, type Settings } from '../../common';
import { useApi } from '../api/context';

/** What main owns and pushes: the renderer mirrors it, so leaving a screen and coming back loses nothing. */
export interface LiveState {
  info: AppInfo;
  settings: Settings;
  auth: AuthStatus;
  connection: ConnectionState;
}

interface LiveContextValue {
  live: LiveState;
  /** Operations return the new state; screens hand it here so the UI never waits for the event. */
  update: (patch: Partial<LiveState>) => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

export type LiveLoad = { phase: 'loading' } | { phase: 'failed'; error: AppError } | { phase: 'ready'; value: LiveContextValue };

/** Loads the live state once and keeps it current from main's events. */
export function useLiveLoad(): LiveLoad {
  const api = useApi();
  const [live, setLive] = useState<LiveState | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let active = true;
    const patch = (change: (current: LiveState) => Partial<LiveState>) =>
      setLive((current) => (current ? { ...current, ...change(current) } : current));
    const unsubscribe = [
      api.on('auth.changed', (auth) => patch(() => ({ auth }))),
      api.on('connection.changed', (connection) => patch(() => ({ connection }))),
      api.on('connection.progress', (run) => patch((current) => ({ connection: { ...current.connection, run } }))),
      api.on('settings.changed', (settings) => patch(() => ({ settings }))),
    ];
    Promise.all([api['app.info']({}), api['settings.get']({}), api['auth.status']({}), api['connection.state']({})]).then(
      ([info, settings, auth, connection]) => {
        if (active) setLive({ info, settings, auth, connection });
      },
      (thrown: unknown) => {
        if (active) setError(toAppError(thrown));
      },
    );
    return () => {
      active = false;
      for (const stop of unsubscribe) stop();
    };
  }, [api]);

  const value = useMemo<LiveContextValue | null>(
    () => live && { live, update: (change) => setLive((current) => (current ? { ...current, ...change } : current)) },
    [live],
  );
  if (error) return { phase: 'failed', error };
  return value ? { phase: 'ready', value } : { phase: 'loading' };
}

export function LiveProvider({ value, children }: { value: LiveContextValue; children: ReactNode }) {
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive() needs a <LiveProvider> above it.');
  return value;
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConnectionsApi, ConnectionState, RunKind } from '../../common';
import { useApi } from '../api/context';
import { useNotify } from '../components/notify';
import { useLiveIfLoaded, type LiveState } from './live';

/** One health check a minute at most: it reads the org, so opening screens must not hammer it. */
export const FRESH_STATUS_INTERVAL_MS = 60_000;
const lastCheck = new WeakMap<AgentConnectionsApi, number>();

/**
 * Re-reads the org in the background (the lifecycle's health check), so a connection another tool
 * removed shows up without pressing Test; its result arrives as a `connection.changed` event.
 */
export function refreshStatus(api: AgentConnectionsApi, live: Pick<LiveState, 'auth' | 'connection'>, now = Date.now()): boolean {
  const status = live.connection.status;
  if (live.auth.state !== 'signedIn' || status === 'off' || status === 'running') return false;
  const last = lastCheck.get(api);
  if (last !== undefined && now - last < FRESH_STATUS_INTERVAL_MS) return false;
  lastCheck.set(api, now);
  // A failed check is shown by the state it leaves behind, never as an error of opening a screen.
  api['connection.check']({}).catch(() => undefined);
  return true;
}

/** On opening (the app starts on Connectors) and on every return to the screen, throttled. */
export function useFreshStatus(): void {
  const api = useApi();
  const live = useLiveIfLoaded()?.live;
  const loaded = live !== undefined;
  const latest = useRef(live);
  useEffect(() => {
    latest.current = live;
  });
  // Only opening (and the live state's arrival) checks; the events of the check itself do not.
  useEffect(() => {
    if (latest.current) refreshStatus(api, latest.current);
  }, [api, loaded]);
}

/** Runs whose end state means they did what they were asked to. */
const succeeded = (kind: RunKind, state: ConnectionState): boolean =>
  !state.error && (kind === 'disable' || kind === 'rollback' ? state.status === 'off' : state.status === 'connected');

/** A confirmation for each finished run ("Access is on", "Access updated", "Turned off"). */
export function useRunFinishedNotice(): void {
  const { t } = useTranslation();
  const notify = useNotify();
  const connection = useLiveIfLoaded()?.live.connection;
  const running = useRef<RunKind | undefined>(undefined);
  useEffect(() => {
    if (!connection) return;
    if (connection.status === 'running') {
      running.current = connection.run?.kind ?? running.current;
      return;
    }
    const kind = running.current;
    running.current = undefined;
    if (kind && succeeded(kind, connection)) notify(t(`activity.runFinished.${kind}`));
  }, [connection, notify, t]);
}

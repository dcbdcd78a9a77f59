import type { AgentConnectionsApi, EventName, Result } from '../../common';
import { AppFailure } from '../../common/app-error';

type RawBridge = Record<string, unknown> & { on: (event: EventName, listener: (payload: unknown) => void) => () => void };

declare global {
  interface Window {
    agentConnections?: RawBridge;
  }
}

/** Turns `Result` values into resolved outputs or `AppFailure` rejections, the same on every transport. */
export function unwrapResult<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppFailure(result.error);
}

/** The desktop app's API, from preload's frozen `window.agentConnections`; null in a plain browser. */
export function createDesktopApi(): AgentConnectionsApi | null {
  const raw = window.agentConnections;
  if (!raw) return null;
  return new Proxy({} as AgentConnectionsApi, {
    get(_target, property) {
      if (property === 'on') return raw.on;
      const call = typeof property === 'string' ? raw[property] : undefined;
      if (typeof call !== 'function') return undefined;
      return async (input: unknown) => unwrapResult(await (call as (i: unknown) => Promise<Result<unknown>>)(input ?? {}));
    },
  });
}

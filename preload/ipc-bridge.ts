import { channelOf, eventChannel, eventNames, operationNames, type EventName, type OperationName, type Result } from '../common';

/** The two ipcRenderer calls the bridge needs, so it can be built and tested without Electron. */
export interface IpcLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): void;
}

export type BridgeApi = {
  readonly [N in OperationName]: (input?: unknown) => Promise<Result<unknown>>;
} & {
  readonly on: (event: EventName, listener: (payload: unknown) => void) => () => void;
};

function isEventMessage(message: unknown): message is { event: EventName; payload: unknown } {
  if (typeof message !== 'object' || message === null) return false;
  const event = (message as { event?: unknown }).event;
  return typeof event === 'string' && (eventNames as readonly string[]).includes(event);
}

/**
 * One function per contract operation and an `on` for events. Channel strings never leave this
 * function, `ipcRenderer` is never exposed, and the IPC event (which carries `sender`) is dropped
 * before a page listener sees anything.
 */
export function createIpcBridge(ipc: IpcLike): BridgeApi {
  const api: Record<string, unknown> = {};
  for (const name of operationNames) {
    api[name] = (input?: unknown) => ipc.invoke(channelOf(name), input ?? {}) as Promise<Result<unknown>>;
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    const relay = (_ipcEvent: unknown, message: unknown) => {
      if (isEventMessage(message) && message.event === event) listener(message.payload);
    };
    ipc.on(eventChannel, relay);
    return () => ipc.removeListener(eventChannel, relay);
  };
  return Object.freeze(api) as BridgeApi;
}

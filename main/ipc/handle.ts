import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  appError,
  channelOf,
  eventChannel,
  operationNames,
  type EventName,
  type EventPayload,
  type Handlers,
  type Result,
} from '../../common';
import { dispatch } from '../transport/dispatch';

export interface SenderPolicy {
  /** webContents ids of the app's own windows. */
  trustedIds(): ReadonlySet<number>;
  /** e.g. `app://agent-connections`. */
  appOrigin: string;
}

/** Minimal view of an invoke event, so the check is testable without Electron. */
export interface SenderView {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** Known window, a live main frame, and the app's own origin: anything else is forged. */
export function isTrustedSender(event: SenderView, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!policy.trustedIds().has(event.sender.id)) return false;
  try {
    // URL.origin is "null" for custom schemes outside Electron's registry, so compare the parts.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === policy.appOrigin;
  } catch {
    return false;
  }
}

export function createIpcInvoker(handlers: Handlers, policy: SenderPolicy) {
  return async (event: SenderView, name: string, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, policy)) {
      return { ok: false, error: appError('FORBIDDEN_SENDER', 'This request did not come from the Agent Connections window.') };
    }
    return dispatch(handlers, name, payload);
  };
}

/** The one place ipcMain is used: every operation of the contract, each behind the same checks. */
export function registerIpcHandlers(handlers: Handlers, policy: SenderPolicy): void {
  const invoke = createIpcInvoker(handlers, policy);
  for (const name of operationNames) {
    ipcMain.handle(channelOf(name), (event: IpcMainInvokeEvent, payload: unknown) => invoke(event, name, payload));
  }
}

export function sendEvent<E extends EventName>(targets: Iterable<WebContents>, event: E, payload: EventPayload<E>): void {
  for (const contents of targets) {
    if (!contents.isDestroyed()) contents.send(eventChannel, { event, payload });
  }
}

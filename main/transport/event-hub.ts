import type { EventName, EventPayload } from '../../common';
import { checkEvent, contractChecksOn } from './contract-check';
import type { EventSink } from '../host-seams';

export type EventMessage = { event: EventName; payload: unknown };

/** Fans events out to whoever is attached (windows, browser pages, the CLI's progress printer). */
export interface EventHub extends EventSink {
  subscribe(listener: (message: EventMessage) => void): () => void;
}

export function createEventHub(options: { checkContract?: boolean } = {}): EventHub {
  const listeners = new Set<(message: EventMessage) => void>();
  const checks = options.checkContract ?? contractChecksOn();
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      checkEvent(event, payload, checks);
      for (const listener of listeners) listener({ event, payload });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

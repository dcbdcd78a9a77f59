import type { EventName, EventPayload } from '../../common';
import type { EventSink } from './service-interfaces';

export type EventMessage = { event: EventName; payload: unknown };

/** Fans events out to whoever is attached (windows, browser pages, the CLI's progress printer). */
export interface EventHub extends EventSink {
  subscribe(listener: (message: EventMessage) => void): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<(message: EventMessage) => void>();
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners) listener({ event, payload });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import type { z } from 'zod';
import { events, fail, operations, type EventName, type EventPayload, type Handlers, type OperationName } from '../../common';

/**
 * The contract's output and event schemas are checked in tests and development, and skipped in
 * production builds (electron.vite.config.ts sets NODE_ENV there) where they would only cost time:
 * see docs/architecture.md, "The contract is checked both ways".
 */
export function contractChecksOn(): boolean {
  return process.env.NODE_ENV !== 'production';
}

/** A reply or event main itself got wrong: a bug in the app, loud in tests, never the admin's doing. */
function violation(what: string, error: z.ZodError): never {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return fail('CONTRACT_VIOLATION', `${what} does not match common/contract.ts${where}: ${first?.message ?? 'unknown problem'}.`);
}

function checked<T>(schema: z.ZodType, value: T, what: string): T {
  const parsed = schema.safeParse(value);
  // The handler's own value goes on, not the parse result: checking must never change what is sent.
  return parsed.success ? value : violation(what, parsed.error);
}

/** Every handler's output parsed against its operation's output schema before it leaves main. */
export function checkedHandlers(handlers: Handlers, on: boolean = contractChecksOn()): Handlers {
  if (!on) return handlers;
  const wrapped: Partial<Record<OperationName, (input: never) => Promise<unknown>>> = {};
  for (const name of Object.keys(operations) as OperationName[]) {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const schema: z.ZodType = operations[name].output;
    wrapped[name] = async (input: never) => checked(schema, await handler(input), `The reply to "${name}"`);
  }
  return wrapped as Handlers;
}

/** An event's payload parsed against its event schema, before any listener sees it. */
export function checkEvent<E extends EventName>(event: E, payload: EventPayload<E>, on: boolean = contractChecksOn()): void {
  if (on) checked(events[event], payload, `The "${event}" event`);
}

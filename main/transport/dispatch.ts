import { appError, appErrorOfZod, operations, type Handlers, type OperationName, type Result } from '../../common';
import { edgeAppError } from '../salesforce/api-limit';

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

/**
 * The shared edge of every transport: known operation, payload parsed by the contract's schema,
 * every failure turned into an AppError value. Nothing thrown here reaches a caller.
 */
export async function dispatch(handlers: Handlers, name: string, payload: unknown): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    return { ok: false, error: appError('UNKNOWN_OPERATION', `Unknown operation "${name.slice(0, 64)}".`) };
  }
  const parsed = operations[name].input.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: appErrorOfZod(parsed.error) };
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (thrown) {
    return { ok: false, error: edgeAppError(thrown) };
  }
}

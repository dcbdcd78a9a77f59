/** Fault injection and the request log (test-control API, not part of Salesforce). */
import { z } from 'zod';
import { newOpaque } from './ids';
import type { OriginKind } from './context';

export const FaultSpecSchema = z.object({
  method: z.string().optional(),
  path: z.string().optional(),
  soapOperation: z.string().optional(),
  nth: z.number().int().min(1).optional(),
  times: z.number().int().min(1).optional(),
  respond: z.union([
    z.object({ drop: z.literal(true) }),
    z.object({ delayMs: z.number().min(0) }),
    z.object({ status: z.number().int(), body: z.unknown().optional(), contentType: z.string().optional() }),
  ]),
});
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

export interface RequestLogEntry {
  at: string;
  origin: OriginKind;
  method: string;
  path: string;
  soapOperation?: string;
  status: number;
  durationMs: number;
  /** With `logBodies`: the query string and the request body, for tests that check what a client sends. */
  search?: string;
  body?: string;
}

interface ActiveFault {
  id: string;
  spec: FaultSpec;
  pathRe: RegExp | undefined;
  seen: number;
  fired: number;
}

export interface MatchInput {
  method: string;
  path: string;
  soapOperation: string | undefined;
}

export class FaultBook {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): string {
    const parsed = FaultSpecSchema.parse(spec);
    const id = newOpaque(12);
    this.faults.push({ id, spec: parsed, pathRe: parsed.path ? new RegExp(parsed.path) : undefined, seen: 0, fired: 0 });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  /** Counts only matching requests; fires from the nth match for `times` requests. */
  take(req: MatchInput): FaultSpec['respond'] | undefined {
    for (const f of this.faults) {
      if (!matches(f, req)) continue;
      f.seen++;
      const nth = f.spec.nth ?? 1;
      const times = f.spec.times ?? 1;
      if (f.seen >= nth && f.fired < times) {
        f.fired++;
        return f.spec.respond;
      }
    }
    return undefined;
  }
}

function matches(f: ActiveFault, req: MatchInput): boolean {
  if (f.spec.method && f.spec.method.toUpperCase() !== req.method.toUpperCase()) return false;
  if (f.pathRe && !f.pathRe.test(req.path)) return false;
  if (f.spec.soapOperation && f.spec.soapOperation !== req.soapOperation) return false;
  return true;
}

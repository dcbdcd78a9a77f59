/**
 * One request to the REST data API, and the reads every REST resource shares. Its own module so
 * that collections, composite and Connect REST use it without importing the router that calls them.
 */
import { DmlError } from './errors';
import type { EmuResponse } from './http';
import type { Org } from './org';
import { findField, reachableThrough, type ObjectDef } from './schema';
import { canReadField, canReadObject, type Principal } from './security';
import { canReadRecord } from './sharing';
import { recordAttributes } from './soql';

export interface RestRequest {
  org: Org;
  principal: Principal;
  method: string;
  /** Path below /services/data/vXX.X, e.g. `/sobjects/Account`. */
  path: string;
  version: string;
  query: URLSearchParams;
  body: unknown;
  /** Composite subrequests count against their own limits. */
  nested: boolean;
}

/** The REST router: composite hands its subrequests back to it. */
export type RestRouter = (req: RestRequest) => EmuResponse;

/** Objects the principal can't read look exactly like objects that don't exist. */
export function visibleObject(req: RestRequest, name: string): ObjectDef | undefined {
  const def = req.org.store.object(name);
  return def && reachableThrough(def, 'data') && canReadObject(req.org, req.principal, def) ? def : undefined;
}

export function shapeForRead(
  req: RestRequest,
  def: ObjectDef,
  id: string,
  fieldList: string[] | undefined,
): Record<string, unknown> | undefined {
  const rec = req.org.store.get(def.name, id);
  if (!rec || !canReadRecord(req.org, req.principal, def, rec)) return undefined;
  const out: Record<string, unknown> = { attributes: recordAttributes(def.name, rec.Id ?? null, req.version) };
  const fields = fieldList
    ? fieldList.map((n) => {
        const f = findField(def, n);
        if (!f || !canReadField(req.org, req.principal, def, f)) {
          throw new DmlError(
            'INVALID_FIELD',
            `No such column '${n}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
          );
        }
        return f;
      })
    : def.fields.filter((f) => canReadField(req.org, req.principal, def, f));
  for (const f of fields) out[f.name] = rec[f.name] ?? null;
  return out;
}

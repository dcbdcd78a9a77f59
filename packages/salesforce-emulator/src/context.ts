/** What every route handler receives: the org, which origin was hit, and the parsed request. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Org } from './org';

export type OriginKind = 'login' | 'instance';

export interface Ctx {
  org: Org;
  origin: OriginKind;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  soapOperation?: string;
}

export function formBody(ctx: Ctx): URLSearchParams {
  return new URLSearchParams(ctx.body);
}

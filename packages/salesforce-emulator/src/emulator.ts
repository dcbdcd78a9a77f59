/** The emulator core: one org plus fault book, request log, latency, and the routing of both origins. */
import type { Ctx } from './context';
import { FaultBook, type RequestLogEntry } from './faults';
import { html, restError, type EmuResponse } from './http';
import { syncEcaRecords } from './metadata';
import { handleSoap } from './metadata-endpoint';
import { handleOAuth } from './oauth';
import { Org, type OrgConfig } from './org';
import { errorPage } from './pages';
import { handleData } from './rest';
import { seedOrg } from './seed';
import { seedOrgSetup } from './org-setup';

export class Emulator {
  readonly org: Org;
  readonly faults = new FaultBook();
  log: RequestLogEntry[] = [];
  latencyMs: number;
  logBodies = false;

  constructor(config: OrgConfig, latencyMs: number) {
    this.org = new Org(config);
    this.latencyMs = latencyMs;
    this.seed();
  }

  private seed(): void {
    seedOrg(this.org);
    seedOrgSetup(this.org);
    syncEcaRecords(this.org);
  }

  /** Back to the seed: data, metadata, tokens, clock, faults and log (URLs and org id stay). */
  reset(): void {
    this.org.clear();
    this.faults.clear();
    this.log = [];
    this.seed();
  }

  advanceClock(ms: number): void {
    this.org.clockOffset += ms;
  }

  route(ctx: Ctx): EmuResponse {
    const path = ctx.url.pathname;
    const oauth = handleOAuth(ctx);
    if (oauth) return oauth;
    if (ctx.origin === 'instance') {
      if (path === '/services/data' || path.startsWith('/services/data/')) return handleData(ctx);
      if (path.startsWith('/services/Soap/m/')) return handleSoap(ctx);
    }
    if (path.startsWith('/services/')) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return html(404, errorPage('Page Not Found', 'The page you requested does not exist.'));
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../../packages/salesforce-emulator/index';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';
import { edgeAppError } from '../../salesforce/api-limit';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const soapFault = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

type Kind = 'HTTP 500' | 'dropped connection' | 'REQUEST_LIMIT_EXCEEDED' | 'INVALID_SESSION_ID';
function respond(kind: Kind, soap: boolean): FaultSpec['respond'] {
  if (kind === 'dropped connection') return { drop: true };
  if (kind === 'INVALID_SESSION_ID') {
    return soap
      ? {
          status: 500,
          contentType: 'text/xml;charset=UTF-8',
          body: soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session'),
        }
      : { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] };
  }
  if (kind === 'HTTP 500') {
    return soap
      ? { status: 500, contentType: 'text/xml;charset=UTF-8', body: soapFault('UNKNOWN_EXCEPTION', 'An unexpected error occurred.') }
      : { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }] };
  }
  return soap
    ? { status: 500, contentType: 'text/xml;charset=UTF-8', body: soapFault('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.') }
    : { status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] };
}

/** Where each enable step talks to Salesforce (the key pair is made locally). */
const targets: { step: string; match: Omit<FaultSpec, 'respond'>; soap: boolean; undoReads?: true }[] = [
  { step: 'preflight', match: { method: 'POST', path: '/composite$', nth: 1 }, soap: false },
  {
    step: 'permission set, grants, user, licence and assignment (one Composite)',
    match: { method: 'POST', path: '/composite$', nth: 2 },
    soap: false,
  },
  { step: 'app header', match: { soapOperation: 'createMetadata', nth: 1 }, soap: true },
  { step: 'app OAuth settings', match: { soapOperation: 'createMetadata', nth: 2 }, soap: true },
  { step: 'app global OAuth settings', match: { soapOperation: 'createMetadata', nth: 3 }, soap: true },
  // The policies are found by listing (fact ECA-POLICIES; names derived from our app's need no read); taking the app down needs the same look-up.
  { step: 'app policies listed', match: { soapOperation: 'listMetadata', nth: 1 }, soap: true, undoReads: true },
  { step: 'app policies', match: { soapOperation: 'upsertMetadata', nth: 1 }, soap: true },
  { step: 'app pre-authorisation', match: { soapOperation: 'upsertMetadata', nth: 2 }, soap: true },
  { step: 'activation', match: { method: 'POST', path: '/services/oauth2/token$', nth: 1 }, soap: false },
  // Eight reads (seven objects and the refused one) take two Composites (≤ 5 queries each), sent side by side.
  { step: 'verification, first Composite', match: { method: 'POST', path: '/composite$', nth: 3 }, soap: false },
  { step: 'verification, second Composite', match: { method: 'POST', path: '/composite$', nth: 4 }, soap: false },
];
const kinds: Kind[] = ['HTTP 500', 'dropped connection', 'REQUEST_LIMIT_EXCEEDED', 'INVALID_SESSION_ID'];

describe('fault matrix: one failure in an enable step', () => {
  // The token endpoint takes no session: an ended session is a REST or SOAP answer only.
  const cases = targets.flatMap((t) =>
    kinds.filter((k) => !(k === 'INVALID_SESSION_ID' && t.step === 'activation')).map((kind) => ({ ...t, kind })),
  );
  it.each(cases)('$step, $kind -> connected after retry', async ({ match, soap, kind }) => {
    harness = await startHarness({ activationDelayMs: 10_000 });
    harness.emulator.addFault({ ...match, times: 1, respond: respond(kind, soap) });
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('connected');
    expect(harness.emulator.state().externalClientApps).toHaveLength(1);
    expect(harness.emulator.state().users.filter((u) => u.IsActive && u.Username.endsWith('.agent-connections.invalid'))).toHaveLength(1);
  });
});

describe('fault matrix: a step that keeps failing', () => {
  // An ended session is a "once" fault: the session is refreshed (the admin's) or fetched anew (the agent's).
  const lasting = kinds.filter((k) => k !== 'INVALID_SESSION_ID');
  const persistent = targets.filter((t) => t.soap).flatMap((t) => lasting.map((kind) => ({ ...t, kind })));
  it.each(persistent)('$step, $kind -> a typed error and nothing of ours left', async ({ match, soap, kind, undoReads }) => {
    harness = await startHarness({ activationDelayMs: 10_000 });
    harness.emulator.addFault({ ...match, nth: 1, times: 1_000, respond: respond(kind, soap) });
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(['SALESFORCE_UNREACHABLE', 'REQUEST_LIMIT_EXCEEDED', 'SALESFORCE_ERROR']).toContain(state.error?.code);
    harness.emulator.clearFaults();
    if (undoReads) {
      // Without listing and reading, the app cannot tell which generated policies are its own: it stops
      // and keeps the run, and the rollback finishes once Salesforce answers again.
      expect(state.status).toBe('interrupted');
      await harness.run(() => harness!.services.connection.planAndRun('rollback'));
    } else {
      expect(state.status).toBe('error');
    }
    expect(ourLeftovers(harness.emulator.state())).toEqual([]);
  });
});

describe('fault matrix: the API limit reached for good is named as the limit', () => {
  // Activation's token grants are OAuth, not REST: Salesforce answers them no REQUEST_LIMIT_EXCEEDED.
  const limited = targets.filter((t) => t.step !== 'activation');
  it.each(limited)(
    '$step -> REQUEST_LIMIT_EXCEEDED with the figures /limits gives, and nothing of ours left',
    async ({ match, soap, undoReads }) => {
      harness = await startHarness({ activationDelayMs: 10_000 });
      harness.emulator.addFault({ ...match, times: 1_000, respond: respond('REQUEST_LIMIT_EXCEEDED', soap) });
      // The review's and the run's own look at the org fail before any step: the edge (transport, CLI) names the limit.
      const state = await harness
        .run(() => harness!.services.connection.planAndRun('enable'))
        .catch((thrown: unknown) => ({ error: edgeAppError(thrown) }));
      expect(state.error?.code).toBe('REQUEST_LIMIT_EXCEEDED');
      expect(state.error?.message).toMatch(/reached its API request limit/);
      if (!('status' in state)) return;
      // Inside a run, the org's own figures come with it.
      expect(state.error?.message).toMatch(/\(DailyApiRequests: \d+ of \d+ left\)/);
      harness.emulator.clearFaults();
      if (undoReads) await harness.run(() => harness!.services.connection.planAndRun('rollback'));
      expect(ourLeftovers(harness.emulator.state())).toEqual([]);
    },
  );
});

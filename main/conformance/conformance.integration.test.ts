import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator, completeEmulatorLogin } from '../../packages/salesforce-emulator/index';
import { freePort } from '../../e2e/support/free-port';
import { runConformance } from './run';

let emulator: StartedEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 'demo' });
});
afterAll(() => emulator.stop());

interface Transcript {
  passed: boolean;
  agentName: string;
  entries: {
    step: string;
    method: string;
    url: string;
    status: number | null;
    requestHeaders: Record<string, string>;
    responseBody: unknown;
  }[];
}

/** Values of the demo org's records: none may reach a transcript meant for maintainers. */
const recordValues = [
  'Northwind Traders',
  'Fabrikam',
  'Tailspin Toys',
  'Wide World Importers',
  '@customer0.example',
  '+1 555 0',
  'is a sample account',
];

describe('conformance run (npm run conformance) against the emulator', () => {
  it('passes every step, leaves the org clean and writes a transcript without secrets or record data', { timeout: 180_000 }, async () => {
    const port = await freePort();
    emulator.registerSignInClient({ clientId: 'ConformanceTest', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
    const out = join(mkdtempSync(join(tmpdir(), 'ac-conformance-')), 'transcript.json');
    const printed: string[] = [];

    const result = await runConformance({
      loginUrl: emulator.loginUrl,
      allowAnyHost: true,
      clientId: 'ConformanceTest',
      port: String(port),
      out,
      openAuthorizeUrl: (url) => completeEmulatorLogin(url, emulator.admin),
      print: (line) => printed.push(line),
    });

    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.steps.map((s) => s.step)).toEqual([
      'sign in',
      'enable',
      'test as the agent',
      'update access',
      'disable',
      'org left clean',
    ]);
    expect(result.passed).toBe(true);
    expect(result.agentName).toMatch(/^Conformance Check /);
    expect(printed.filter((l) => l.startsWith('PASS '))).toHaveLength(6);

    // The org as the emulator sees it: nothing of the run's agent is left (its tokens went with its app).
    const state = emulator.state();
    expect(state.externalClientApps).toEqual([]);
    expect(state.permissionSets).toEqual([]);
    expect(state.users.filter((u) => u.Username.startsWith('conformance-check') && u.IsActive)).toEqual([]);
    expect(state.users.filter((u) => u.Username.startsWith('conformance-check'))).toHaveLength(1);

    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, 'utf8');
    const transcript = JSON.parse(text) as Transcript;
    expect(transcript).toMatchObject({ passed: true, agentName: result.agentName });
    const urls = transcript.entries.map((e) => `${e.method} ${e.url}`);
    expect(urls.some((u) => u.startsWith('POST /services/oauth2/token'))).toBe(true);
    expect(urls.some((u) => /^POST \/services\/data\/v[\d.]+\/composite$/.test(u))).toBe(true);
    expect(urls.some((u) => /^POST \/services\/Soap\/m\//.test(u))).toBe(true);
    // The admin's session ends with the run: revoked at Salesforce, and its files removed.
    expect(transcript.entries.filter((e) => e.step === 'sign out').map((e) => `${e.method} ${e.url}`)).toContain(
      'POST /services/oauth2/revoke',
    );
    expect(new Set(transcript.entries.map((e) => e.step))).toEqual(
      new Set(['sign in', 'enable', 'test as the agent', 'update access', 'disable', 'org left clean', 'sign out']),
    );
    expect(transcript.entries.every((e) => e.status !== null)).toBe(true);
    expect(transcript.entries.some((e) => Object.keys(e.requestHeaders).some((h) => /^(authorization|cookie)$/i.test(h)))).toBe(false);

    // Secrets: access and refresh tokens, JWT assertions, keys and certificates, the admin's password.
    expect(text).not.toMatch(/00D[A-Za-z0-9]{12}![A-Za-z0-9]{20,}/);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('BEGIN CERTIFICATE');
    expect(text).not.toContain(emulator.admin.password);
    expect(text).toContain('[redacted]');
    // Record data: the agent's test reads demo records, whose values are replaced (ids and field names stay).
    for (const value of recordValues) expect(text).not.toContain(value);
  });

  it('reports a failed step, still removes what it made, and writes the transcript', { timeout: 180_000 }, async () => {
    const port = await freePort();
    emulator.registerSignInClient({ clientId: 'ConformanceFail', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
    const out = join(mkdtempSync(join(tmpdir(), 'ac-conformance-')), 'transcript.json');
    // The app's own metadata changes after the first are refused, so enable rolls back part-way.
    emulator.addFault({
      soapOperation: 'createMetadata',
      nth: 2,
      times: 50,
      respond: {
        status: 500,
        contentType: 'text/xml',
        body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:INSUFFICIENT_ACCESS</faultcode><faultstring>INSUFFICIENT_ACCESS: insufficient access rights on entity</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
      },
    });

    const result = await runConformance({
      loginUrl: emulator.loginUrl,
      allowAnyHost: true,
      clientId: 'ConformanceFail',
      port: String(port),
      agentName: 'Conformance Failing Run',
      out,
      openAuthorizeUrl: (url) => completeEmulatorLogin(url, emulator.admin),
      print: () => undefined,
    });
    emulator.clearFaults();

    expect(result.passed).toBe(false);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['sign in', true],
      ['enable', false],
      ['disable', true],
      ['org left clean', true],
    ]);
    expect(result.steps[1]?.detail).toMatch(/ended "error"/);
    expect(emulator.state().externalClientApps).toEqual([]);
    const transcript = JSON.parse(readFileSync(out, 'utf8')) as Transcript;
    expect(transcript.passed).toBe(false);
    expect(transcript.entries.some((e) => e.step === 'enable' && e.status === 500)).toBe(true);
  });
});

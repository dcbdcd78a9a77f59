import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from './index';
import { expectError, restFetch, signIn, VERSION } from './test-helpers';

let emu: StartedEmulator;

beforeAll(async () => { emu = await startEmulator(); });
afterAll(async () => { await emu.stop(); });
beforeEach(() => emu.reset());

async function control(path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${emu.loginUrl}/__emulator/${path}`, { ...init, headers: { 'content-type': 'application/json' } });
  return res.json();
}

describe('/__emulator control API', () => {
  it('state uses Salesforce field names and matches the programmatic view', async () => {
    const state = (await control('state')) as ReturnType<StartedEmulator['state']>;
    const { now: _now, ...rest } = state;
    const { now: _now2, ...programmatic } = emu.state();
    expect(rest).toEqual(JSON.parse(JSON.stringify(programmatic)));
    expect(state.users.find((u) => u.Username === emu.admin.username)).toMatchObject({ Id: emu.admin.userId, Name: 'Dana Admin', IsActive: true });
    expect(state.licences.find((l) => l.Name === 'Salesforce Integration')).toEqual(expect.objectContaining({ TotalLicenses: 5, UsedLicenses: 0 }));
    expect(state.permissionSets).toEqual([]);
    expect(state.connectedApps.map((c) => c.fullName)).toEqual(['Contoso_Legacy_Sync']);
    expect(state.tokens).toEqual({ active: 0 });
  });

  it('logs Salesforce requests oldest first (not control calls) with SOAP operation names', async () => {
    const conn = await signIn(emu);
    emu.clearRequests();
    await conn.query('SELECT Id FROM Account');
    await conn.metadata.list({ type: 'ExternalClientApplication' });
    await control('state');
    const log = (await control('requests')) as { origin: string; method: string; path: string; soapOperation?: string; status: number; durationMs: number }[];
    expect(log.map((l) => [l.origin, l.method, l.path, l.soapOperation, l.status])).toEqual([
      ['instance', 'GET', `/services/data/v${VERSION}/query`, undefined, 200],
      ['instance', 'POST', `/services/Soap/m/${VERSION}`, 'listMetadata', 200],
    ]);
    expect(log[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('faults: nth matching request, times, canned responses, SOAP operation match, drop and delay', async () => {
    const conn = await signIn(emu);
    const { id } = (await control('faults', { method: 'POST', body: JSON.stringify({ method: 'GET', path: '/query$', nth: 2, times: 1, respond: { status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] } }) })) as { id: string };
    expect(id).toBeTruthy();
    await conn.sobject('Account').describe();
    await conn.query('SELECT Id FROM Account');
    const second = await expectError(() => conn.query('SELECT Id FROM Account'));
    expect(second.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(5);

    emu.addFault({ soapOperation: 'createMetadata', respond: { status: 500, contentType: 'text/xml', body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:UNKNOWN_EXCEPTION</faultcode><faultstring>boom</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>' } });
    await conn.metadata.list({ type: 'ExternalClientApplication' });
    const soapFault = await expectError(() => conn.metadata.create('ExternalClientApplication' as never, { fullName: 'F', label: 'F', contactEmail: 'a@b.c' } as never));
    expect(soapFault.errorCode).toBe('sf:UNKNOWN_EXCEPTION');

    emu.addFault({ path: '/limits', respond: { drop: true } });
    await expect(fetch(`${emu.instanceUrl}/services/data/v${VERSION}/limits`, { headers: { authorization: `Bearer ${conn.accessToken ?? ''}` } })).rejects.toThrow();
    emu.addFault({ path: '/limits', respond: { delayMs: 150 } });
    const started = Date.now();
    expect((await restFetch(emu, conn.accessToken ?? '', '/limits')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await control('faults', { method: 'DELETE' });
    const bad = await fetch(`${emu.loginUrl}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ respond: {} }) });
    expect(bad.status).toBe(400);
  });

  it('reset restores the seed; clock advances token expiry; latency is added', async () => {
    const conn = await signIn(emu);
    await conn.sobject('Account').create({ Name: 'Temp' });
    expect(emu.state().tokens.active).toBe(1);
    await control('clock', { method: 'POST', body: JSON.stringify({ advanceMs: 7200 * 1000 + 1 }) });
    expect(emu.state().tokens.active).toBe(0);
    await control('reset', { method: 'POST' });
    const again = await signIn(emu);
    expect((await again.query('SELECT COUNT() FROM Account')).totalSize).toBe(5);
    emu.setLatency(120);
    const t = Date.now();
    await again.query('SELECT Id FROM Account LIMIT 1');
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    emu.setLatency(0);
  });

  it('registers extra sign-in clients', async () => {
    emu.registerSignInClient({ clientId: 'AgentConnectionsDesktop', redirectUris: ['http://localhost:7878/callback'] });
    const url = `${emu.loginUrl}/services/oauth2/authorize?response_type=code&client_id=AgentConnectionsDesktop&redirect_uri=${encodeURIComponent('http://localhost:7878/callback')}&code_challenge=abc`;
    expect((await fetch(url)).status).toBe(200);
  });
});

describe('CLI', () => {
  it('prints the URLs and credentials and stops on SIGINT', async () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, [join(__dirname, 'cli.ts'), '--seed', 'empty', '--latency-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out}`)), 15_000);
      child.stdout.on('data', () => { if (out.includes('Press Ctrl+C')) { clearTimeout(timer); resolve(); } });
    });
    const login = /Login URL:\s+(\S+)/.exec(out)?.[1] ?? '';
    const instance = /My Domain URL:\s+(\S+)/.exec(out)?.[1] ?? '';
    expect(login).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(instance).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toMatch(/Admin:\s+\S+@\S+ \/ \S+/);
    expect((await fetch(`${instance}/services/data`)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(out).toContain('Emulator stopped.');
  });
});

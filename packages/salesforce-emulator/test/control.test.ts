import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from '../index';
import { switchCatalog, switchNames } from '../src/switch-catalog';
import { DEFAULT_SWITCHES } from '../src/switches';
import { expectError, restFetch, signIn, VERSION } from './test-helpers';

let emu: StartedEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});
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
    expect(state.users.find((u) => u.Username === emu.admin.username)).toMatchObject({
      Id: emu.admin.userId,
      Name: 'Dana Admin',
      IsActive: true,
    });
    expect(state.licences.find((l) => l.Name === 'Salesforce Integration')).toEqual(
      expect.objectContaining({ TotalLicenses: 5, UsedLicenses: 0 }),
    );
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
    const log = (await control('requests')) as {
      origin: string;
      method: string;
      path: string;
      soapOperation?: string;
      status: number;
      durationMs: number;
    }[];
    expect(log.map((l) => [l.origin, l.method, l.path, l.soapOperation, l.status])).toEqual([
      ['instance', 'GET', `/services/data/v${VERSION}/query`, undefined, 200],
      ['instance', 'POST', `/services/Soap/m/${VERSION}`, 'listMetadata', 200],
    ]);
    expect(log[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('faults: nth matching request, times, canned responses, SOAP operation match, drop and delay', async () => {
    const conn = await signIn(emu);
    const { id } = (await control('faults', {
      method: 'POST',
      body: JSON.stringify({
        method: 'GET',
        path: '/query$',
        nth: 2,
        times: 1,
        respond: { status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] },
      }),
    })) as { id: string };
    expect(id).toBeTruthy();
    await conn.sobject('Account').describe();
    await conn.query('SELECT Id FROM Account');
    const second = await expectError(() => conn.query('SELECT Id FROM Account'));
    expect(second.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(5);

    emu.addFault({
      soapOperation: 'createMetadata',
      respond: {
        status: 500,
        contentType: 'text/xml',
        body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:UNKNOWN_EXCEPTION</faultcode><faultstring>boom</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
      },
    });
    await conn.metadata.list({ type: 'ExternalClientApplication' });
    const soapFault = await expectError(() =>
      conn.metadata.create('ExternalClientApplication' as never, { fullName: 'F', label: 'F', contactEmail: 'a@b.c' } as never),
    );
    expect(soapFault.errorCode).toBe('sf:UNKNOWN_EXCEPTION');

    emu.addFault({ path: '/limits', respond: { drop: true } });
    await expect(
      fetch(`${emu.instanceUrl}/services/data/v${VERSION}/limits`, { headers: { authorization: `Bearer ${conn.accessToken ?? ''}` } }),
    ).rejects.toThrow();
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

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function spawnCli(args: string[]) {
  const child = spawn(tsx, [join(__dirname, '..', 'src', 'cli.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { out: '', err: '' };
  child.stdout.on('data', (d: Buffer) => {
    output.out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output.err += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output.out}${output.err}`)), 15_000);
    child.stdout.on('data', () => {
      if (output.out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`CLI ended: ${output.out}${output.err}`));
    });
  });
  // Runs that end on their own (--list-switches, usage errors) never start; that is not a failure there.
  started.catch(() => undefined);
  return { child, output, exit, started };
}

describe('CLI', () => {
  it('prints the URLs and credentials and stops on SIGINT', async () => {
    const { child, output, exit, started } = spawnCli(['--seed', 'empty', '--latency-ms', '0']);
    await started;
    const out = output.out;
    const login = /Login URL:\s+(\S+)/.exec(out)?.[1] ?? '';
    const instance = /My Domain URL:\s+(\S+)/.exec(out)?.[1] ?? '';
    expect(login).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(instance).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toMatch(/Admin:\s+\S+@\S+ \/ \S+/);
    expect((await fetch(`${instance}/services/data`)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(output.out).toContain('Emulator stopped.');
  });

  it('lists every switch with its values, default and fact, then exits 0', async () => {
    const { output, exit } = spawnCli(['--list-switches']);
    expect(await exit).toBe(0);
    const lines = output.out.trim().split('\n');
    expect(lines).toHaveLength(switchNames.length);
    for (const name of switchNames) {
      const line = lines.find((l) => l.startsWith(`${name}=`)) ?? '';
      expect(line).toContain(`(default ${String(DEFAULT_SWITCHES[name])})`);
      expect(line).toContain(`fact ${switchCatalog[name].fact}`);
    }
    expect(lines.find((l) => l.startsWith('orgType='))).toMatch(/^orgType=production\|sandbox /);
  });

  it('starts with switches from the command line, and the org behaves accordingly', async () => {
    const { child, output, exit, started } = spawnCli([
      '--seed',
      'empty',
      '--switch',
      'integrationSeats=1',
      '--switch',
      'orgType=sandbox',
      '--switch',
      'rejectUnknownElements=false',
    ]);
    await started;
    expect(output.out).toContain('integrationSeats=1');
    expect(output.out).toContain('orgType=sandbox');
    const login = /Login URL:\s+(\S+)/.exec(output.out)?.[1] ?? '';
    const state = (await (await fetch(`${login}/__emulator/state`)).json()) as { licences: { Name: string; TotalLicenses: number }[] };
    expect(state.licences.find((l) => l.Name === 'Salesforce Integration')?.TotalLicenses).toBe(1);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it.each([
    [['--switch', 'noSuchSwitch=true'], 'unknown switch "noSuchSwitch"'],
    [['--switch', 'orgType=moon'], 'switch orgType must be one of production, sandbox, got "moon"'],
    [['--switch', 'strictElementOrder=yes'], 'switch strictElementOrder must be true or false'],
    [['--switch', 'integrationSeats=-1'], 'switch integrationSeats must be an integer'],
    [['--switch', 'orgType'], '--switch expects NAME=VALUE'],
    [['--no-such-option'], "Unknown option '--no-such-option'"],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const { output, exit } = spawnCli(args);
    expect(await exit).toBe(2);
    expect(output.err.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    expect(output.out).toBe('');
  });
});

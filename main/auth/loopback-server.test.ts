import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/app-error-schema';
import { freePort } from '../../e2e/support/free-port';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

const STATE = 'expected-state-value';
const started: LoopbackServer[] = [];

async function start(overrides: { onCode?: (code: string) => Promise<void>; timeoutMs?: number } = {}) {
  const port = await freePort();
  const codes: string[] = [];
  const server = await startLoopbackServer({
    port,
    path: '/OauthRedirect',
    expectedState: STATE,
    timeoutMs: overrides.timeoutMs ?? 60_000,
    onCode: overrides.onCode ?? ((code) => (codes.push(code), Promise.resolve())),
  });
  started.push(server);
  const outcome = server.done.then(
    () => undefined,
    (failure: unknown) => (failure instanceof AppFailure ? failure.error : failure),
  );
  const get = (query: string, path = '/OauthRedirect', host = '127.0.0.1') => fetch(`http://${host}:${port}${path}?${query}`);
  return { port, codes, server, outcome, get };
}

async function isListening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/OauthRedirect`).then(
    () => true,
    () => false,
  );
}

afterEach(() => {
  started.splice(0).forEach((s) => s.cancel());
});

describe('loopback callback server', () => {
  it('hands a genuine callback’s code over, tells the browser it worked, then stops listening', async () => {
    const { port, codes, outcome, get } = await start();
    const response = await get(`code=the-code&state=${STATE}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Signed in to Salesforce');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(codes).toEqual(['the-code']);
    await expect(outcome).resolves.toBeUndefined();
    expect(await isListening(port)).toBe(false);
  });

  it('answers on ::1 as well, since the registered host is localhost', async () => {
    const ipv6 = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false));
      probe.listen(0, '::1', () => probe.close(() => resolve(true)));
    });
    if (!ipv6) return; // this machine has no IPv6 loopback; 127.0.0.1 alone is then correct
    const { codes, get } = await start();
    expect((await get(`code=c6&state=${STATE}`, '/OauthRedirect', '[::1]')).status).toBe(200);
    expect(codes).toEqual(['c6']);
  });

  it.each([
    ['a wrong state', 'code=c&state=forged'],
    ['a missing state', 'code=c'],
  ])('refuses %s without ending the sign-in', async (_case, query) => {
    const { codes, outcome, get } = await start();
    const refused = await get(query);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('does not belong to the sign-in');
    expect(codes).toEqual([]);
    expect((await get(`code=real&state=${STATE}`)).status).toBe(200);
    await expect(outcome).resolves.toBeUndefined();
    expect(codes).toEqual(['real']);
  });

  it('shows Salesforce’s error description, escaped, and ends the sign-in with it', async () => {
    const { codes, outcome, get } = await start();
    const description = 'end-user denied <b>authorization</b>';
    const response = await get(`error=access_denied&error_description=${encodeURIComponent(description)}&state=${STATE}`);
    const page = await response.text();
    expect(page).toContain('end-user denied &#60;b&#62;authorization&#60;/b&#62;');
    expect(page).not.toContain('<b>');
    expect(codes).toEqual([]);
    expect(await outcome).toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringContaining('end-user denied') });
  });

  it('ends the sign-in when Salesforce sends no code', async () => {
    const { outcome, get } = await start();
    expect((await get(`state=${STATE}`)).status).toBe(400);
    expect(await outcome).toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('shows the failure when finishing the sign-in fails', async () => {
    const { outcome, get } = await start({
      onCode: () => Promise.reject(new AppFailure({ code: 'SIGN_IN_FAILED', message: 'Salesforce refused the sign-in: invalid code' })),
    });
    const response = await get(`code=c&state=${STATE}`);
    expect(await response.text()).toContain('Salesforce refused the sign-in: invalid code');
    expect(await outcome).toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('refuses a second callback while the first is being finished', async () => {
    let release: (() => void) | undefined;
    const { get, outcome } = await start({ onCode: () => new Promise<void>((resolve) => (release = resolve)) });
    const first = get(`code=one&state=${STATE}`);
    await expect.poll(() => release).toBeDefined();
    const second = await get(`code=two&state=${STATE}`);
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('already completed');
    release?.();
    expect((await first).status).toBe(200);
    await expect(outcome).resolves.toBeUndefined();
  });

  it('answers other paths with 404 and other methods with 405', async () => {
    const { port, get } = await start();
    expect((await get(`code=c&state=${STATE}`, '/favicon.ico')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/OauthRedirect?code=c&state=${STATE}`, { method: 'POST' })).status).toBe(405);
  });

  it('gives up after the timeout and frees the port', async () => {
    const { port, outcome } = await start({ timeoutMs: 50 });
    expect(await outcome).toMatchObject({ code: 'SIGN_IN_TIMEOUT' });
    expect(await isListening(port)).toBe(false);
  });

  it('stops on cancel and frees the port', async () => {
    const { port, server, outcome } = await start();
    server.cancel();
    expect(await outcome).toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    expect(await isListening(port)).toBe(false);
  });

  it('names the port when another program already listens on it', async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const failure = await startLoopbackServer({
        port,
        path: '/OauthRedirect',
        expectedState: STATE,
        timeoutMs: 1000,
        onCode: () => Promise.resolve(),
      }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).error).toMatchObject({ code: 'CALLBACK_PORT_IN_USE', params: { port } });
      expect((failure as AppFailure).error.message).toContain(String(port));
    } finally {
      squatter.close();
    }
  });

  it.runIf(process.platform === 'linux')('says which program holds the port, and offers to try again', async () => {
    const port = await freePort();
    const holder = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${port}, '127.0.0.1', () => console.log('listening'))`,
    ]);
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const failure = await startLoopbackServer({
        port,
        path: '/OauthRedirect',
        expectedState: STATE,
        timeoutMs: 1000,
        onCode: () => Promise.resolve(),
      }).catch((e: unknown) => e);
      expect((failure as AppFailure).error).toMatchObject({
        code: 'CALLBACK_PORT_IN_USE',
        action: 'retry',
        params: { port, program: `node (process ${holder.pid})` },
        message: expect.stringContaining(`Port ${port} on this computer is in use by node (process ${holder.pid})`),
      });
    } finally {
      holder.kill();
    }
  });
});

import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSessionGate } from './session-gate';

const origin = 'http://127.0.0.1:4100';

function clockedGate(options: { idleMs?: number; tokenMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const gate = createSessionGate({ origin: () => origin, now: () => clock.now, ...options });
  return { gate, clock };
}

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const apiCall = (secret: string, extra: Record<string, string> = {}) => request({ 'x-agent-connections-session': secret, ...extra });
const socketUpgrade = (protocols: string) => request({ 'sec-websocket-protocol': protocols });

describe('browser mode session gate', () => {
  it('redeems a one-time token once, for a secret only the page that redeemed it holds', () => {
    const { gate } = clockedGate();
    const token = gate.issueToken();
    const secret = gate.redeem(token);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(gate.redeem(token)).toBeNull();
    expect(gate.sessionOf(apiCall(secret!))).toBe(secret);
  });

  it('never lets a cookie stand in for the secret, whatever it is named', () => {
    const { gate } = clockedGate();
    const secret = gate.redeem(gate.issueToken())!;
    expect(gate.sessionOf(request({ cookie: `agent_connections_session=${secret}` }))).toBeNull();
    expect(gate.sessionOf(request({}))).toBeNull();
    expect(gate.sessionOf(apiCall(`${secret}x`))).toBeNull();
    expect(gate.sessionOf(apiCall(secret.slice(0, -1)))).toBeNull();
  });

  it("takes the socket's secret from its offered subprotocols, trying each", () => {
    const { gate } = clockedGate();
    const secret = gate.redeem(gate.issueToken())!;
    expect(gate.sessionOf(socketUpgrade(`agent-connections, agent-connections.session.planted, agent-connections.session.${secret}`))).toBe(
      secret,
    );
    expect(gate.sessionOf(socketUpgrade('agent-connections'))).toBeNull();
    expect(gate.sessionOf(socketUpgrade(`agent-connections, ${secret}`))).toBeNull();
  });

  it('refuses a one-time token that was not opened within its lifetime', () => {
    const { gate, clock } = clockedGate({ tokenMs: 5 * 60_000 });
    const late = gate.issueToken();
    const inTime = gate.issueToken();
    clock.now += 4 * 60_000;
    expect(gate.tokenTimeLeft(inTime)).toBe(60_000);
    expect(gate.redeem(inTime)).not.toBeNull();
    clock.now += 60_000;
    expect(gate.tokenTimeLeft(late)).toBe(0);
    expect(gate.redeem(late)).toBeNull();
  });

  it('ends a session idle for its idle time, while use keeps it going', () => {
    const { gate, clock } = clockedGate({ idleMs: 30 * 60_000 });
    const busy = gate.redeem(gate.issueToken())!;
    const idle = gate.redeem(gate.issueToken())!;
    clock.now += 20 * 60_000;
    expect(gate.sessionOf(apiCall(busy))).toBe(busy);
    clock.now += 10 * 60_000;
    expect(gate.sessionOf(apiCall(idle))).toBeNull();
    expect(gate.isLive(busy)).toBe(true);
    expect(gate.sweep()).toEqual([idle]);
    clock.now += 30 * 60_000;
    expect(gate.sweep()).toEqual([busy]);
    expect(gate.sessionOf(apiCall(busy))).toBeNull();
  });

  it('ends a session on sign-out, leaving the others', () => {
    const { gate } = clockedGate();
    const leaving = gate.redeem(gate.issueToken())!;
    const staying = gate.redeem(gate.issueToken())!;
    gate.end(leaving);
    expect(gate.sessionOf(apiCall(leaving))).toBeNull();
    expect(gate.sessionOf(apiCall(staying))).toBe(staying);
  });

  it('accepts only its own Host and Origin', () => {
    const { gate } = clockedGate();
    expect(gate.isOwnHost(request({ host: '127.0.0.1:4100' }))).toBe(true);
    expect(gate.isOwnHost(request({ host: '127.0.0.1:4101' }))).toBe(false);
    expect(gate.isOwnHost(request({ host: 'localhost:4100' }))).toBe(false);
    expect(gate.isOwnOrigin(request({ origin: 'http://127.0.0.1:4101' }), true)).toBe(false);
    expect(gate.isOwnOrigin(request({}), true)).toBe(false);
    expect(gate.isOwnOrigin(request({}), false)).toBe(true);
    expect(gate.isOwnOrigin(request({ origin }), true)).toBe(true);
  });
});

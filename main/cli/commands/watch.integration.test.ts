import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliRunner, loginCli } from '../../../test/support/cli-run';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { API_VERSION } from '../../salesforce/client';
import { createConfStoreFactory } from '../../store/conf-store';
import { testCliVault } from '../../../test/support/cli-vault';
import { systemWatchHost, type WatchHost } from '../../watch/watch-host';
import { authCommands } from '../auth-commands';
import { watchCommand } from './watch';

let dir = '';
let harness: Harness | undefined;
let hooks: Server | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-watch-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
  await new Promise((done) => (hooks ? hooks.close(done) : done(undefined)));
  hooks = undefined;
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

/** The OS behind the seam: files land in a temp home, commands are recorded (nothing is installed), posts are real. */
function fakeHost(): WatchHost & { executed: string[][] } {
  const executed: string[][] = [];
  return {
    ...systemWatchHost,
    platform: 'linux',
    home: join(dir, 'home'),
    cliCommand: () => ['/usr/bin/node', '/opt/agent-connections/agent-connections.mjs'],
    exec: (argv) => (executed.push(argv), Promise.resolve(0)),
    executed,
  };
}

/** A local stand-in for Slack's incoming webhook: what it was sent. */
async function slackStandIn(): Promise<{ url: string; received: unknown[] }> {
  const received: unknown[] = [];
  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((done) => hooks!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`, received };
}

describe('watch: the background check through the OS scheduler', () => {
  it('schedules (dry run first), announces a change of health on the desktop and to the webhook, and unschedules', async () => {
    const stores = createConfStoreFactory(join(dir, 'data'));
    harness = await startHarness({}, { stores, vault: testCliVault(stores) });
    const h = harness;
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    const host = fakeHost();
    const cli = cliRunner([...authCommands, watchCommand(host)]);
    const login = await loginCli(cli, h.emulator);
    expect(login.code).toBe(0);
    const slack = await slackStandIn();
    const service = join(dir, 'home', '.config', 'systemd', 'user', 'agent-connections-watch.service');

    const dry = await cli(['watch', 'schedule', '--dry-run', '--every-hours', '3']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Write ${service}`);
    expect(existsSync(service)).toBe(false);
    expect(host.executed).toEqual([]);

    const scheduled = await cli(['watch', 'schedule', '--every-hours', '3', '--slack-webhook', slack.url, '--json']);
    expect(scheduled.code).toBe(0);
    expect(JSON.parse(scheduled.out)).toMatchObject({ result: { action: 'schedule', dryRun: false, everyHours: 3 } });
    expect(readFileSync(service, 'utf8')).toContain(
      'ExecStart="/usr/bin/node" "/opt/agent-connections/agent-connections.mjs" "watch" "run"',
    );
    expect(readFileSync(service.replace(/service$/, 'timer'), 'utf8')).toContain('OnUnitActiveSec=3h');
    expect(host.executed).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', 'agent-connections-watch.timer'],
    ]);

    const baseline = JSON.parse((await cli(['watch', 'run', '--json'])).out) as {
      result: { checks: { status: string }[]; alerts: string[] };
    };
    expect(baseline.result.checks.map((c) => c.status)).toEqual(['connected']);
    expect(baseline.result.alerts).toEqual([]);

    // Someone removes the agent's permission set assignment in the org while the app is closed.
    const assignment = h.emulator
      .state()
      .permissionSetAssignments.find((a) => a.AssigneeId === h.services.connection.state().details?.user.id && a.PermissionSetId);
    const removed = await fetch(
      `${h.emulator.instanceUrl}/services/data/v${API_VERSION}/sobjects/PermissionSetAssignment/${String(assignment?.Id)}`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${login.token}` },
      },
    );
    expect(removed.status).toBe(204);
    const changed = JSON.parse((await cli(['watch', 'run', '--json'])).out) as {
      result: { checks: { status: string; changed: boolean }[]; alerts: string[] };
    };
    expect(changed.result.checks[0]).toMatchObject({ changed: true });
    expect(changed.result.checks[0]?.status).not.toBe('connected');
    expect(changed.result.alerts).toHaveLength(1);
    expect(host.executed.at(-1)?.slice(0, 2)).toEqual(['notify-send', '--app-name=Agent Connections']);
    expect(slack.received).toEqual([{ text: expect.stringContaining('(it was connected)') }]);

    const unscheduled = await cli(['watch', 'unschedule']);
    expect(unscheduled.code).toBe(0);
    expect(existsSync(service)).toBe(false);
    expect(host.executed.at(-1)).toEqual(['systemctl', '--user', 'disable', '--now', 'agent-connections-watch.timer']);
  });

  it('refuses a webhook that is not https, and an unknown action, in our words', async () => {
    const cli = cliRunner([watchCommand(fakeHost())]);
    const plain = await cli(['watch', 'schedule', '--teams-webhook', 'http://example.com/hook']);
    expect(plain.code).toBe(2);
    expect(plain.err).toContain('--teams-webhook must be an https address');
    const unknown = await cli(['watch', 'later']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('watch needs one of: schedule, unschedule, run.');
  });
});

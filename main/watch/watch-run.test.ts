import { describe, expect, it } from 'vitest';
import type { ConnectionsOverview, OrgOverview } from '../../common';
import { createMemoryStoreFactory } from '../store/document-store';
import { createWatchStore, HISTORY_LIMIT } from './watch-store';
import { watchRun, type WatchRunDeps } from './watch-run';

const org = (status: OrgOverview['status'], over: Partial<OrgOverview> = {}): OrgOverview => ({
  profileId: 'prod',
  profile: 'Acme production',
  orgId: '00D000000000001',
  orgName: 'Acme',
  environment: 'production',
  production: true,
  status,
  lastCheckedAt: null,
  ...over,
});

function deps(overviews: ConnectionsOverview[]) {
  const executed: string[][] = [];
  const posted: { url: string; body: unknown }[] = [];
  const store = createWatchStore(createMemoryStoreFactory());
  const run: WatchRunDeps = {
    checkAll: () => Promise.resolve(overviews.shift() ?? { orgs: [] }),
    store,
    platform: 'linux',
    exec: (argv) => (executed.push(argv), Promise.resolve(0)),
    post: (url, body) => (posted.push({ url, body }), Promise.resolve(200)),
    now: () => new Date('2026-12-08T06:00:00.000Z'),
  };
  return { run, executed, posted, store };
}

describe('watch run: one background check', () => {
  it('announces only a change since the last background check, on the desktop and to the webhooks', async () => {
    const d = deps([{ orgs: [org('connected')] }, { orgs: [org('connected')] }, { orgs: [org('error')] }]);
    d.store.setWebhooks({ slack: 'https://hooks.slack.com/x', teams: 'https://example.webhook.office.com/y' });
    expect((await watchRun(d.run)).alerts).toEqual([]);
    expect((await watchRun(d.run)).alerts).toEqual([]);
    const changed = await watchRun(d.run);
    expect(changed.alerts).toEqual([
      'Agent Connections: Acme production: The connection of org 00D000000000001 is now error (it was connected). Open Agent Connections to see why and what fixes it.',
    ]);
    expect(d.executed).toEqual([
      ['notify-send', '--app-name=Agent Connections', 'Agent Connections: Acme production', expect.stringContaining('now error')],
    ]);
    expect(d.posted.map((p) => p.url)).toEqual(['https://hooks.slack.com/x', 'https://example.webhook.office.com/y']);
    expect(d.store.read().history.map((c) => [c.status, c.previous, c.changed])).toEqual([
      ['error', 'connected', true],
      ['connected', 'connected', false],
      ['connected', null, false],
    ]);
  });

  it('claims no change for an org it could not ask, and keeps its last answer for the next run', async () => {
    const d = deps([{ orgs: [org('connected')] }, { orgs: [org('connected', { notChecked: 'signIn' })] }, { orgs: [org('drift')] }]);
    await watchRun(d.run);
    const unasked = await watchRun(d.run);
    expect(unasked.checks[0]).toMatchObject({ changed: false, problem: expect.stringContaining('no session') });
    expect((await watchRun(d.run)).checks[0]).toMatchObject({ status: 'drift', previous: 'connected', changed: true });
  });

  it('says what could not be delivered without failing the check, and leaves orgs without a connection out', async () => {
    const d = deps([{ orgs: [org('connected'), org('off', { profileId: 'dev', notChecked: 'notConnected' })] }, { orgs: [org('error')] }]);
    d.run.exec = () => Promise.resolve(-1);
    d.store.setWebhooks({ slack: 'https://hooks.slack.com/x' });
    d.run.post = () => Promise.resolve(404);
    expect((await watchRun(d.run)).checks).toHaveLength(1);
    const result = await watchRun(d.run);
    expect(result.warnings).toEqual([
      'The desktop notification could not be shown (notify-send).',
      'The Slack webhook did not take the message (HTTP 404).',
    ]);
  });

  it('keeps a bounded history, newest first', async () => {
    const d = deps(Array.from({ length: HISTORY_LIMIT + 5 }, () => ({ orgs: [org('connected')] })));
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await watchRun(d.run);
    expect(d.store.read().history).toHaveLength(HISTORY_LIMIT);
  });
});

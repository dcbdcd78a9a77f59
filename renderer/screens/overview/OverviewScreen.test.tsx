import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OrgOverview } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

const org = (over: Partial<OrgOverview>): OrgOverview => ({
  profileId: 'p',
  profile: 'Profile',
  orgId: '00D5g000004XyZaEAK',
  orgName: 'Acme',
  environment: 'sandbox',
  production: false,
  status: 'connected',
  lastCheckedAt: '2026-03-01T08:00:00.000Z',
  ...over,
});

const orgs: OrgOverview[] = [
  org({
    profileId: 'prod',
    profile: 'Acme production',
    environment: 'production',
    production: true,
    certificateExpiresAt: '2027-03-01T00:00:00.000Z',
  }),
  org({ profileId: 'uat', profile: 'UAT', status: 'drift', handOverSince: '2026-02-28T10:00:00.000Z' }),
  org({ profileId: 'dev', profile: 'Dev sandbox', status: 'connected', lastCheckedAt: null, notChecked: 'signIn' }),
];

describe('Connections overview', () => {
  it('lists every org profile with its status and last check, production marked', async () => {
    const { user } = await renderApp({ auth: fixtures.auth.signedIn, overview: { orgs } });
    await user.click(screen.getByRole('button', { name: 'Overview' }));

    const rows = await screen.findAllByRole('row');
    const row = (name: string) => rows.find((r) => within(r).queryByRole('rowheader', { name: new RegExp(name) }));
    expect(within(row('Acme production') as HTMLElement).getByText('Production')).toBeTruthy();
    expect(within(row('UAT') as HTMLElement).queryByText('Production')).toBeNull();
    expect(within(row('UAT') as HTMLElement).getByText('Needs update')).toBeTruthy();
    // The hand-over the agent is owed is on every screen of the connection, the overview included.
    expect(within(row('UAT') as HTMLElement).getByText('New credentials not yet given to the agent')).toBeTruthy();
    expect(within(row('Acme production') as HTMLElement).queryByText('New credentials not yet given to the agent')).toBeNull();
    expect(within(row('Dev sandbox') as HTMLElement).getByText('Not checked: sign in to Dev sandbox')).toBeTruthy();
    expect(within(row('Dev sandbox') as HTMLElement).getByText('Never')).toBeTruthy();
  });

  it('lists the background checks made while the app was closed, newest first, with the changes marked', async () => {
    const checks = [
      {
        at: '2026-03-02T06:00:00.000Z',
        profile: 'UAT',
        orgId: 'o',
        status: 'error' as const,
        previous: 'connected' as const,
        changed: true,
      },
      { at: '2026-03-02T00:00:00.000Z', profile: 'UAT', orgId: 'o', status: 'connected' as const, previous: null, changed: false },
    ];
    const { user } = await renderApp({ auth: fixtures.auth.signedIn, overview: { orgs, checks } });
    await user.click(screen.getByRole('button', { name: 'Overview' }));
    const history = await screen.findByRole('table', { name: 'Checks while the app was closed' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText('Changed (was Connected)')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).queryByText(/Changed/)).toBeNull();
  });

  it('says how to turn the background check on when it has never run', async () => {
    const { user } = await renderApp({ auth: fixtures.auth.signedIn, overview: { orgs } });
    await user.click(screen.getByRole('button', { name: 'Overview' }));
    expect(await screen.findByText('No background checks yet. Turn them on with: agent-connections watch schedule')).toBeTruthy();
  });

  it("names Microsoft's Sales agent connection where an org has one, with the licence it holds", async () => {
    const coexisting = { apps: ['M365 Copilot Sales'], users: [], permissionSet: null, profile: null, licencesHeld: 1 };
    const { user } = await renderApp({
      auth: fixtures.auth.signedIn,
      overview: { orgs: [org({ profile: 'Acme UAT', coexisting }), org({ profileId: 'q', profile: 'Dev' })] },
    });
    await user.click(screen.getByRole('button', { name: 'Overview' }));
    const rows = await screen.findAllByRole('row');
    const row = (name: string) => rows.find((r) => within(r).queryByRole('rowheader', { name: new RegExp(name) })) as HTMLElement;
    const line = "Also here: Microsoft's Sales agent connection (holds 1 Salesforce Integration licence(s); never changed by this app)";
    expect(within(row('Acme UAT')).getByText(line)).toBeTruthy();
    expect(within(row('Dev')).queryByText(line)).toBeNull();
  });

  it('shows a banner when a scheduled check finds an org changed', async () => {
    const { api } = await renderApp({ auth: fixtures.auth.signedIn });
    api.emit('health.notice', { profile: 'UAT', orgName: 'Acme UAT', from: 'connected', to: 'error', at: '2026-03-01T08:00:00.000Z' });
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('UAT: the connection changed');
    expect(banner.textContent).toContain('Acme UAT');
  });
});

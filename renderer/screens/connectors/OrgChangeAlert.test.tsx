import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CarriedOver, ConnectionState } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { confirmReview, renderApp } from '../../../test/renderer/render';

const refreshed = (carriedOver: CarriedOver[], rebuild?: { consumerKey: string }): ConnectionState => ({
  status: 'off',
  orgId: fixtures.identity.orgId,
  orgChange: {
    previousOrgId: '00D000000000PRDEAA',
    previousOrgName: 'Acme Production',
    orgId: fixtures.identity.orgId,
    orgName: 'Acme Corporation',
    carriedOver,
    ...(rebuild && { rebuild }),
  },
});
const open = (carriedOver: CarriedOver[], rebuild?: { consumerKey: string }) =>
  renderApp({ auth: fixtures.auth.signedIn, connection: refreshed(carriedOver, rebuild) });

describe('A profile that now signs in to another org', () => {
  it('says so plainly, naming both orgs and what was carried over', async () => {
    await open(['app', 'permissionSet', 'integrationUser']);
    expect(await screen.findByText('This profile now signs in to another org')).toBeTruthy();
    expect(
      screen.getByText(
        new RegExp(`used to sign in to org 00D000000000PRDEAA \\(Acme Production\\); it now signs in to ${fixtures.identity.orgId}`),
      ),
    ).toBeTruthy();
    expect(screen.getByText(/copied from the earlier org: external client app, permission set, integration user\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Use this org' })).toBeNull();
  });

  it('adopts the copied setup through the review of a key rotation', async () => {
    const { api, user } = await open(['app', 'permissionSet', 'integrationUser']);
    await user.click(await screen.findByRole('button', { name: 'Adopt and rotate key' }));
    await confirmReview(user, 'Review: rotate the key');
    await waitFor(() => expect(api.callsTo('connection.adopt')).toEqual([{ planId: expect.any(String) as string }]));
    expect(api.callsTo('connection.disable')).toEqual([]);
  });

  it('removes the copied setup through the removal review', async () => {
    const { api, user } = await open(['app', 'integrationUser']);
    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    await confirmReview(user);
    await waitFor(() => expect(api.callsTo('connection.disable')).toEqual([{ planId: expect.any(String) as string }]));
    expect(api.callsTo('connection.adopt')).toEqual([]);
  });

  it('without the agent’s app but with its key here, rebuilds only after its review is shown and confirmed', async () => {
    const { api, user } = await open([], { consumerKey: 'ACkey' });
    await user.click(await screen.findByRole('button', { name: 'Review rebuild here' }));
    const review = await screen.findByRole('region', { name: 'What Rebuild here will change' });
    expect(review.textContent).toContain('Recreate the agent’s app here.');
    expect(api.callsTo('connection.rebuildHere')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Rebuild here' }));
    await waitFor(() => expect(api.callsTo('connection.rebuildHere')).toEqual([{ planId: expect.any(String) as string }]));
  });

  it('with nothing carried over, offers only to use this org, and the notice goes once it is accepted', async () => {
    const { api, user } = await open([]);
    expect(await screen.findByText("Nothing of the agent's setup was found in this org.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Adopt and rotate key' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Use this org' }));
    expect(api.callsTo('connection.acceptOrgChange')).toEqual([{}]);
    await waitFor(() => expect(screen.queryByText('This profile now signs in to another org')).toBeNull());
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { confirmReview, renderApp } from '../../../test/renderer/render';

const ownedElsewhere = (run: 'enable' | 'reconnect'): ConnectionState => ({
  status: 'error',
  orgId: fixtures.identity.orgId,
  error: {
    code: 'CONNECTION_OWNED_ELSEWHERE',
    message: "Another Agent Connections install manages this agent's connection in this org.",
    action: 'takeOver',
    params: { run },
  },
});

const driftAlert = () => screen.getByText('The agent needs access the connection does not grant.').closest('[role="alert"]') as HTMLElement;

describe('Update access review: grants added by hand', () => {
  it('shows them apart, keeps them by default', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.drift });
    await user.click(within(driftAlert()).getByRole('button', { name: 'Update access' }));
    const review = await screen.findByRole('dialog', { name: 'Review: update access' });
    expect(await within(review).findByText(/Granted by hand in Salesforce, not by this app/)).toBeTruthy();
    expect(within(review).getByText('Added by hand in Salesforce')).toBeTruthy();
    const box = within(review).getByRole<HTMLInputElement>('checkbox', { name: 'Also remove the grants added by hand' });
    expect(box.checked).toBe(false);
    await confirmReview(user, 'Review: update access');
    await waitFor(() => expect(api.callsTo('connection.updateAccess')).toEqual([{ planId: expect.any(String) as string }]));
  });

  it('removes them too when the admin ticks the box', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.drift });
    await user.click(within(driftAlert()).getByRole('button', { name: 'Update access' }));
    const review = await screen.findByRole('dialog', { name: 'Review: update access' });
    await user.click(await within(review).findByRole('checkbox', { name: 'Also remove the grants added by hand' }));
    await confirmReview(user, 'Review: update access');
    await waitFor(() =>
      expect(api.callsTo('connection.updateAccess')).toEqual([{ planId: expect.any(String) as string, removeHandAdded: true }]),
    );
  });
});

describe('Take over a connection another install manages', () => {
  it.each(['enable', 'reconnect'] as const)('reviews the %s first, says what breaks, then runs it as a take-over', async (run) => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: ownedElsewhere(run) });
    await user.click(await screen.findByRole('button', { name: 'Take over' }));
    expect(api.callsTo(`connection.${run}`)).toEqual([]);
    const review = await screen.findByRole('dialog', { name: run === 'enable' ? 'Review: turn on access' : 'Review: reconnect' });
    expect(within(review).getByText(/Taking over gives the agent a new key; the other install's credentials stop working/)).toBeTruthy();
    await confirmReview(user, /^Review/);
    await waitFor(() => expect(api.callsTo(`connection.${run}`)).toEqual([{ planId: expect.any(String) as string, takeOver: true }]));
  });

  it('changes nothing when the admin cancels the review', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: ownedElsewhere('reconnect') });
    await user.click(await screen.findByRole('button', { name: 'Take over' }));
    const review = await screen.findByRole('dialog', { name: 'Review: reconnect' });
    await user.click(within(review).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('connection.reconnect')).toEqual([]);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { confirmReview, renderApp } from '../../../test/renderer/render';

const noAnswer: ConnectionState = {
  ...fixtures.connection.connected,
  status: 'connected',
  checkProblem: {
    kind: 'transient',
    checkedAt: '2026-11-23T10:00:00.000Z',
    error: {
      code: 'CHECK_NO_ANSWER',
      message: "Salesforce did not answer the agent's sign-in (Salesforce answered 503 http_503: Salesforce answered HTTP 503.).",
      action: 'retry',
    },
  },
};

const deactivated: ConnectionState = {
  ...fixtures.connection.connected,
  status: 'error',
  drift: { missingFields: [], missingObjects: [], brokenArtifacts: ['user inactive'], extraGrants: [] },
  error: {
    code: 'CONNECTION_BROKEN',
    message: 'The integration user was deactivated in Salesforce. Repair reactivates the user.',
    action: 'repair',
  },
};

describe('the connection screen gives the check’s diagnosis', () => {
  it('a check Salesforce did not answer keeps Connected, says it tries again, and offers no rebuild', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: noAnswer });
    expect(await screen.findByText(/Salesforce did not answer the check\. The connection keeps its last verdict/)).toBeTruthy();
    expect(screen.getByText(/the status shown is the last real one/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Recreate' })).toBeNull();
  });

  it('a deactivated user offers Repair first (Reconnect only as the last resort), and Repair starts after its review', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: deactivated });
    const alert = (await screen.findAllByRole('alert')).find((a) => within(a).queryByRole('button', { name: 'Repair' }));
    expect(alert).toBeDefined();
    const buttons = within(alert as HTMLElement)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(buttons.slice(0, 2)).toEqual(['Repair', 'Reconnect']);
    await user.click(within(alert as HTMLElement).getByRole('button', { name: 'Repair' }));
    await confirmReview(user, 'Review: repair the connection');
    await waitFor(() => expect(api.callsTo('connection.repair')).toEqual([{ planId: expect.any(String) as string }]));
    expect(api.callsTo('connection.reconnect')).toEqual([]);
  });
});

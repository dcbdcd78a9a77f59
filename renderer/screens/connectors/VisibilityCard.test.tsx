import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

const connected = { auth: fixtures.auth.signedIn, connection: fixtures.connection.connected } as const;

describe('What the agent sees', () => {
  it('warns that the agent sees 0 of 5 Accounts because Account is Private, and names both fixes', async () => {
    await renderApp(connected);
    const account = await screen.findByRole('status', { name: 'Account' });
    expect(within(account).getByText(/The agent sees 0 of 5 Account records: Account's org-wide default is Private/)).toBeTruthy();
    expect(within(account).getByText('Fix: View All Records on Account (the agent reads every Account record).')).toBeTruthy();
    expect(within(account).getByText(/a sharing rule in Setup/)).toBeTruthy();
    const opportunity = screen.getByRole('status', { name: 'Opportunity' });
    expect(within(opportunity).getByText(/sees 5 of 5 Opportunity records/)).toBeTruthy();
    expect(within(opportunity).getByText(/Fields it cannot read \(field-level security\): Forecast_Notes__c/)).toBeTruthy();
  });

  it('Change access… opens the field picker with View All on that object ticked, for the admin to save', async () => {
    const { api, user } = await renderApp(connected);
    const account = await screen.findByRole('status', { name: 'Account' });
    await user.click(within(account).getByRole('button', { name: 'Change access…' }));
    const dialog = await screen.findByRole('dialog');
    expect(api.callsTo('agent.accessProfile.update')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const saved = api.callsTo('agent.accessProfile.update')[0];
    expect(saved?.objects.find((o) => o.object === 'Account')?.viewAllRecords).toBe(true);
    expect(saved?.objects.find((o) => o.object === 'Contact')?.viewAllRecords).toBe(false);
  });

  it('shows a sample only on request, with only the fields the agent can read', async () => {
    const { api, user } = await renderApp(connected);
    const opportunity = await screen.findByRole('status', { name: 'Opportunity' });
    expect(api.callsTo('connection.sample')).toEqual([]);
    await user.click(within(opportunity).getByRole('button', { name: /Show up to 3 Opportunity records/ }));
    const table = await screen.findByRole('table', { name: 'Opportunity records as the agent sees them' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Id', 'Amount']);
    expect(api.callsTo('connection.sample')).toEqual([{ object: 'Opportunity' }]);
  });
});

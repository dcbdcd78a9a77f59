import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

const portTaken = {
  code: 'CALLBACK_PORT_IN_USE',
  message:
    "Port 8080 on this computer is in use by sf (the Salesforce CLI, process 4242), so Salesforce's answer cannot reach Agent Connections.",
  action: 'retry',
  params: { port: 8080, program: 'sf (the Salesforce CLI, process 4242)', profileId: 'uat' },
} as const;

const profiles = {
  settings: {
    ...fixtures.settings,
    orgProfiles: [
      fixtures.productionProfile,
      { id: 'uat', name: 'UAT', environment: 'sandbox' as const, clientId: '3MVG9own', callbackPort: 8080 },
    ],
    activeProfileId: 'uat',
  },
};

describe('sign-in port already in use', () => {
  it('names the program holding the port and offers to try again', async () => {
    const { api, user } = await renderApp(profiles);
    api.failNext('auth.signIn', portTaken);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        'Port 8080 is in use by another program, so the sign-in cannot finish. Close that program and try again, or choose another port in the org profile.',
      ),
    ).toBeTruthy();
    expect(within(alert).getByText(/in use by sf \(the Salesforce CLI, process 4242\)/)).toBeTruthy();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(api.callsTo('auth.signIn')).toEqual([{ profileId: 'uat' }, { profileId: 'uat' }]);
  });

  it('Open Settings opens the org profile whose port is taken', async () => {
    const { api, user } = await renderApp(profiles);
    api.failNext('auth.signIn', portTaken);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Open Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit org profile' });
    expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: /Profile name/ }).value).toBe('UAT');
    expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: /Callback port/ }).value).toBe('8080');
  });
});

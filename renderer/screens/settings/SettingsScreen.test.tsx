import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings, SIGN_IN_CALLBACK_PATH } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { fillIn, renderApp } from '../../../test/renderer/render';

async function openSettings(state: Parameters<typeof renderApp>[0] = {}) {
  const rendered = await renderApp(state);
  await rendered.user.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { level: 1, name: 'Settings' });
  return rendered;
}

describe('Settings', () => {
  it('saves a valid agent name and refuses an invalid one', async () => {
    const { api, user } = await openSettings();
    const name = screen.getByRole('textbox', { name: 'Agent name' });
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save agent name' });
    expect(save.disabled).toBe(true);
    await user.clear(name);
    await user.type(name, '1 bad name!');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);
    await user.clear(name);
    await user.type(name, 'Pipeline Scout');
    await user.click(save);
    expect(api.callsTo('settings.update')).toEqual([{ agentName: 'Pipeline Scout' }]);
  });

  it('saves how long to wait for Salesforce, refusing a wait outside 5 to 120 minutes', async () => {
    const { api, user } = await openSettings();
    const minutes = screen.getByRole('textbox', { name: 'Longest wait (minutes)' });
    expect((minutes as HTMLInputElement).value).toBe('30');
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save wait' });
    expect(save.disabled).toBe(true);
    await user.clear(minutes);
    await user.type(minutes, '2');
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter a whole number from 5 to 120.')).toBeTruthy();
    expect(save.disabled).toBe(true);
    await user.clear(minutes);
    await user.type(minutes, '45');
    await user.click(save);
    expect(api.callsTo('settings.update')).toEqual([{ activationTimeoutMinutes: 45 }]);
  });

  it('adds a My Domain profile with its own client, validated by the contract schema', async () => {
    const { api, user } = await openSettings({ settings: defaultSettings });
    expect(await screen.findByText(/No profiles yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add org profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add org profile' });
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: /Profile name/ })));
    expect(within(dialog).queryByText(/every org/)).toBeNull();
    expect(within(dialog).getByText(/API Access Control block it/)).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: /Profile name/ }), 'UAT');
    await user.click(within(dialog).getByRole('combobox', { name: /Environment/ }));
    await user.click(screen.getByRole('option', { name: 'My Domain' }));
    await fillIn(user, within(dialog).getByRole('textbox', { name: /My Domain URL/ }), 'ftp://acme');
    await user.click(within(dialog).getByRole('radio', { name: 'Your own external client app' }));
    await fillIn(user, within(dialog).getByRole('textbox', { name: /Client ID/ }), '3MVG9ownClient');
    await user.clear(within(dialog).getByRole('textbox', { name: /Callback port/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /Callback port/ }), '8080');
    // The path sign-in listens on (main/auth/callback-path.test.ts proves it from the sign-in side).
    expect(await within(dialog).findByText(`Callback http://localhost:8080${SIGN_IN_CALLBACK_PATH}`)).toBeTruthy();
    expect(within(dialog).getByText(new RegExp(`http://localhost:PORT${SIGN_IN_CALLBACK_PATH}`))).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    expect(await within(dialog).findByText(/Use an https:\/\/ address/)).toBeTruthy();
    expect(api.callsTo('profiles.save')).toHaveLength(0);
    const url = within(dialog).getByRole('textbox', { name: /My Domain URL/ });
    await user.clear(url);
    await fillIn(user, url, 'https://uat.my.salesforce.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(api.callsTo('profiles.save')).toEqual([
        {
          name: 'UAT',
          environment: 'myDomain',
          myDomainUrl: 'https://uat.my.salesforce.com',
          clientId: '3MVG9ownClient',
          callbackPort: 8080,
        },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(/client 3MVG9ownClient, port 8080/)).toBeTruthy();
  });

  it('activates and removes profiles by name', async () => {
    const settings = {
      ...defaultSettings,
      orgProfiles: [
        { id: 'prod', name: 'Production', environment: 'production', clientId: 'PlatformCLI', callbackPort: 1717 },
        { id: 'uat', name: 'UAT', environment: 'sandbox', clientId: 'PlatformCLI', callbackPort: 1717 },
      ],
      activeProfileId: 'prod',
    } as const;
    const { api, user } = await openSettings({ settings: { ...settings, orgProfiles: [...settings.orgProfiles] } });
    expect(screen.queryByRole('button', { name: 'Make Production active' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Make UAT active' }));
    expect(api.callsTo('profiles.activate')).toEqual([{ id: 'uat' }]);
    await user.click(await screen.findByRole('button', { name: 'Remove Production' }));
    expect(api.callsTo('profiles.remove')).toEqual([{ id: 'prod' }]);
    await waitFor(() => expect(screen.queryByText(/^Production/)).toBeNull());
  });
});

describe("Settings: an org profile's own agent sign-in audience", () => {
  it('is optional, must be https, and is saved with the profile', async () => {
    const { api, user } = await openSettings({ settings: defaultSettings });
    await user.click(screen.getByRole('button', { name: 'Add org profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add org profile' });
    await user.type(within(dialog).getByRole('textbox', { name: /Profile name/ }), 'Partners');
    const audience = within(dialog).getByRole('textbox', { name: /Agent sign-in audience/ });
    await user.type(audience, 'http://acme.my.site.com/partners');
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    expect(within(dialog).getByText(/Use an https:\/\/ address, e.g. https:\/\/acme.my.site.com/)).toBeTruthy();
    expect(api.callsTo('profiles.save')).toHaveLength(0);
    await user.clear(audience);
    await user.type(audience, 'https://acme.my.site.com/partners');
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    expect(api.callsTo('profiles.save')).toEqual([
      {
        name: 'Partners',
        environment: 'production',
        jwtAudience: 'https://acme.my.site.com/partners',
        clientId: 'PlatformCLI',
        callbackPort: 1717,
      },
    ]);
  });
});

describe('Settings: a profile outside Salesforce needs the visible "allow any host" override', () => {
  it('refuses a non-Salesforce My Domain until the admin allows any host, warns, and marks the profile in the list', async () => {
    const { api, user } = await openSettings({ settings: defaultSettings });
    await user.click(screen.getByRole('button', { name: 'Add org profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add org profile' });
    await user.type(within(dialog).getByRole('textbox', { name: /Profile name/ }), 'Emulator');
    await user.click(within(dialog).getByRole('combobox', { name: /Environment/ }));
    await user.click(screen.getByRole('option', { name: 'My Domain' }));
    await user.type(within(dialog).getByRole('textbox', { name: /My Domain URL/ }), 'https://salesforce.evil.example');
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    expect(within(dialog).getByText(/or allow any host below/)).toBeTruthy();
    expect(api.callsTo('profiles.save')).toHaveLength(0);

    await user.click(within(dialog).getByRole('checkbox', { name: /Allow any host/ }));
    expect(within(dialog).getByText(/even if it is not Salesforce/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    expect(api.callsTo('profiles.save')).toEqual([
      {
        name: 'Emulator',
        environment: 'myDomain',
        myDomainUrl: 'https://salesforce.evil.example',
        allowAnyHost: true,
        clientId: 'PlatformCLI',
        callbackPort: 1717,
      },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Any host allowed')).toBeTruthy();
  });
});

describe('Settings: a change of where a profile signs in ends its session, once the admin agrees', () => {
  it('says the session will be revoked, and saves only when the admin chooses Save and sign out', async () => {
    const { api, user } = await openSettings({ auth: fixtures.auth.signedIn });
    await user.click(screen.getByRole('button', { name: 'Edit Acme production' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit org profile' });
    api.failNext('profiles.save', {
      code: 'SESSION_ENDS_ON_SAVE',
      message: 'Saving this changes where "Acme production" signs in.',
      params: { name: 'Acme production' },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    expect(await within(dialog).findByText(/Its Salesforce session will be revoked and forgotten/)).toBeTruthy();
    expect(api.callsTo('profiles.save')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Save and sign out' }));
    await waitFor(() => expect(api.callsTo('profiles.save')[1]).toMatchObject({ id: 'prod', endSession: true }));
  });
});

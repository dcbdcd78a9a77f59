import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { confirmReview, renderApp } from '../../../test/renderer/render';

const toggle = () => screen.getByRole('switch', { name: 'Turn on access' });
const saveButton = () => screen.getByRole('button', { name: 'Save' });
const isDisabled = (element: HTMLElement) => (element as HTMLButtonElement | HTMLInputElement).disabled;

afterEach(() => vi.restoreAllMocks());

describe('Salesforce panel, signed out', () => {
  it('keeps Turn on access disabled with the reason, and offers Sign in with the org profile', async () => {
    await renderApp();
    expect(isDisabled(toggle())).toBe(true);
    const reason = screen.getByText('Sign in to Salesforce first');
    expect(toggle().getAttribute('aria-describedby')).toBe(reason.id);
    expect(isDisabled(saveButton())).toBe(true);
    expect(screen.getByRole('combobox', { name: /Org profile/ }).textContent).toContain('Acme production');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('signs in with the chosen profile and, in browser mode, opens the authorize page in a new tab', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { api, user } = await renderApp({ info: { ...fixtures.appInfo, host: 'browser' } });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(api.callsTo('auth.signIn')).toEqual([{ profileId: 'prod' }]);
    expect(open).toHaveBeenCalledWith(fixtures.auth.signingIn.authorizeUrl, '_blank', 'noopener');
    expect(await screen.findByText(/Finish signing in in your browser/)).toBeTruthy();
  });

  it('leaves opening the browser to the desktop app', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText(/Finish signing in in your browser/);
    expect(open).not.toHaveBeenCalled();
  });
});

describe('Salesforce panel, signing in', () => {
  it('waits with Cancel, and Cancel goes back to signed out', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signingIn });
    expect(screen.getByRole('progressbar', { name: 'Waiting for sign-in' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('auth.cancel')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('says when it stops waiting and what each error value on Salesforce’s error page means', async () => {
    await renderApp({ auth: fixtures.auth.signingIn });
    expect(screen.getByText(/the app stops waiting at/)).toBeTruthy();
    expect(screen.getByText(/RemoteAccessErrorPage\.apexp\?error=/)).toBeTruthy();
    const causes = within(screen.getByRole('list', { name: "What the error page's error value means" }));
    for (const error of ['invalid_client', 'OAUTH_APP_BLOCKED', 'OAUTH_APP_ACCESS_DENIED', 'redirect_uri_mismatch'])
      expect(causes.getByText(`error=${error}`)).toBeTruthy();
    expect(causes.getByText(/app must be installed into org/)).toBeTruthy();
  });

  it('shows the signed-in identity when main reports the sign-in finished', async () => {
    const { api } = await renderApp({ auth: fixtures.auth.signingIn });
    api.emit('auth.changed', fixtures.auth.signedIn);
    expect(await screen.findByText('Signed in as Ada Admin (ada@acme.example)')).toBeTruthy();
    expect(isDisabled(toggle())).toBe(false);
  });
});

describe('Salesforce panel, signed in and off', () => {
  it('enables Save only while the switch differs from the live state, then starts the run', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn });
    expect(isDisabled(saveButton())).toBe(true);
    await user.click(toggle());
    expect(isDisabled(saveButton())).toBe(false);
    await user.click(toggle());
    expect(isDisabled(saveButton())).toBe(true);
    await user.click(toggle());
    await user.click(saveButton());
    expect(api.callsTo('connection.enable')).toHaveLength(0);
    const review = await confirmReview(user, 'Review: turn on access');
    expect(within(review).getByText(/Create the External Client App Sales Agent external client app \(Sales_Agent_ECA\)/)).toBeTruthy();
    expect(within(review).getByText(/Pre-authorised users: holders of the permission set Sales_Agent_Permission_Set/)).toBeTruthy();
    expect(api.callsTo('connection.enable')).toEqual([{ planId: expect.stringMatching(/^plan-enable/) as unknown }]);
    expect(await screen.findByRole('heading', { name: 'Turning on access' })).toBeTruthy();
    expect(screen.getByText(/This may take a few minutes/)).toBeTruthy();
  });

  it('lists missing admin rights', async () => {
    await renderApp({ auth: fixtures.auth.missingRights });
    const warning = screen.getByText(/lacks rights needed/).closest('[role="alert"]') as HTMLElement;
    expect(within(warning).getByText('Manage Users')).toBeTruthy();
    expect(within(warning).getByText('Customize Application')).toBeTruthy();
  });

  it('runs pre-flight checks on request before anything is created', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn });
    await user.click(screen.getByRole('button', { name: 'Run checks' }));
    expect(api.callsTo('connection.preflight')).toHaveLength(1);
    expect(await screen.findByText('No Salesforce Integration licences left (5 of 5 used).')).toBeTruthy();
  });

  it('signs out', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(api.callsTo('auth.signOut')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});

describe('Salesforce panel, pre-flight failed', () => {
  it('shows each failed check with its fix and says nothing was created', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.preflightFailed });
    const results = screen.getByRole('list', { name: 'Check results' });
    const items = within(results).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]?.textContent).toContain('Passed');
    expect(items[1]?.textContent).toContain('Failed');
    expect(items[1]?.textContent).toContain('No Salesforce Integration licences left (5 of 5 used).');
    expect(items[1]?.textContent).toContain('Fix: Deactivate an integration user you no longer need');
    expect(items[2]?.textContent).toContain('Warning');
    expect(screen.getAllByText(/Nothing was created/).length).toBeGreaterThan(0);
    expect(isDisabled(toggle())).toBe(false);
  });

  it('tells the checks, their values and fixes in Swedish', async () => {
    await renderApp({
      settings: { ...fixtures.settings, language: 'sv' },
      auth: fixtures.auth.signedIn,
      connection: fixtures.connection.preflightFailed,
    });
    const items = within(await screen.findByRole('list', { name: 'Kontrollresultat' })).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Du har de administratörsrättigheter som kopplingen behöver.');
    expect(items[1]?.textContent).toContain('Inga Salesforce Integration-licenser kvar (5 av 5 används).');
    expect(items[1]?.textContent).toContain('Inaktivera en integrationsanvändare du inte längre behöver');
    expect(items[2]?.textContent).toContain('Hittade från ett tidigare försök för "Sales Agent"');
  });
});

describe('Salesforce panel, provisioning', () => {
  it('lists the steps with the current one marked, and blocks the switch while it runs', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.provisioning });
    const steps = screen.getByRole('list', { name: 'Steps' });
    expect(within(steps).getAllByRole('listitem')).toHaveLength(10);
    expect(within(steps).getByRole('listitem', { current: 'step' }).textContent).toContain('Access grants — in progress');
    expect(screen.getByText(/^Elapsed time: /)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: '2 of 10 steps done' })).toBeTruthy();
    expect(isDisabled(toggle())).toBe(true);
    const reasonId = toggle().getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(reasonId)?.textContent).toBe('Wait until the current change has finished');
  });

  it("shows a step's note in the admin's language", async () => {
    const run = fixtures.runAt('enable', 'integrationUser');
    const noted = {
      ...run,
      steps: run.steps.map((step) =>
        step.id === 'permissionSet'
          ? { ...step, note: 'Reused the permission set from an earlier attempt', noteKey: 'reusedPermissionSet' as const }
          : step,
      ),
    };
    await renderApp({
      settings: { ...fixtures.settings, language: 'sv' },
      auth: fixtures.auth.signedIn,
      connection: { ...fixtures.connection.provisioning, run: noted },
    });
    expect(await screen.findByText('Återanvände behörighetsuppsättningen från ett tidigare försök')).toBeTruthy();
  });

  it('shows Connection details when main reports the run ended connected', async () => {
    const { api } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.provisioning });
    api.emit('connection.changed', fixtures.connection.connected);
    expect(await screen.findByRole('heading', { name: 'Connection details' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Turning on access' })).toBeNull();
  });
});

describe('Salesforce panel, activating', () => {
  it('explains activation can take 30 minutes and shows the wait since the app was created, the attempt and countdown', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.activating });
    expect(screen.getByText(/Salesforce can take up to 30 minutes/)).toBeTruthy();
    expect(screen.getByText(/^Waiting \d+:\d{2}(:\d{2})? since the app was created$/)).toBeTruthy();
    expect(screen.getByText(/Attempt 3/)).toBeTruthy();
    expect(screen.getByText(/^Time left: /)).toBeTruthy();
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toContain('Activation');
  });
});

describe('Salesforce panel, connected', () => {
  it('shows the switch on with Save disabled, and the details card', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.connected });
    expect((toggle() as HTMLInputElement).checked).toBe(true);
    expect(isDisabled(saveButton())).toBe(true);
    const details = screen.getByRole('region', { name: 'Connection details' });
    expect(within(details).getByText('Connected')).toBeTruthy();
    expect(within(details).getByText('3MVG9fakeConsumerKeyForTests')).toBeTruthy();
    expect(within(details).getByText('Sales Agent integration user')).toBeTruthy();
    expect(within(details).getByText('Sales Agent permission set')).toBeTruthy();
    expect(within(details).getByRole('table', { name: 'Granted objects and fields' })).toBeTruthy();
  });

  it('turning off confirms first, listing what goes and that the user is deactivated, not deleted', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.connected });
    await user.click(toggle());
    await user.click(saveButton());
    const dialog = await screen.findByRole('dialog', { name: 'Review: turn off access' });
    expect(await within(dialog).findByText(/Delete the External Client App Sales Agent external client app/)).toBeTruthy();
    expect(within(dialog).getByText(/The integration user is deactivated, not deleted/)).toBeTruthy();
    expect(within(dialog).getByText(/Frees one Salesforce Integration user licence/)).toBeTruthy();
    expect(api.callsTo('connection.disable')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm and turn off' }));
    expect(api.callsTo('connection.disable')).toHaveLength(1);
    expect(await screen.findByRole('heading', { name: 'Removing the connection' })).toBeTruthy();
  });

  it('lists what Turn off removes, with the names, in Swedish', async () => {
    const { user } = await renderApp({
      settings: { ...fixtures.settings, language: 'sv' },
      auth: fixtures.auth.signedIn,
      connection: fixtures.connection.connected,
    });
    await user.click(screen.getByRole('switch', { name: 'Slå på åtkomst' }));
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/Ta bort den externa klientappen Sales Agent external client app/)).toBeTruthy();
    expect(within(dialog).getByText(/Inaktivera \(inte ta bort\) integrationsanvändaren sales-agent\./)).toBeTruthy();
  });

  it('cancelling the confirmation removes nothing and returns focus to Save', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.connected });
    await user.click(toggle());
    await user.click(saveButton());
    const dialog = await screen.findByRole('dialog', { name: 'Review: turn off access' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(saveButton());
    expect(api.callsTo('connection.disable')).toHaveLength(0);
  });
});

describe('Salesforce panel, drift', () => {
  it('lists the missing fields and offers Update access first, Recreate second', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.drift });
    const alert = screen.getByText('The agent needs access the connection does not grant.').closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText('Lead.Score__c')).toBeTruthy();
    expect(within(alert).getByText('Account.Region__c')).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Update access', 'Recreate']);
    await user.click(within(alert).getByRole('button', { name: 'Update access' }));
    const review = await confirmReview(user, 'Review: update access');
    expect(within(review).getByText('Widens access')).toBeTruthy();
    // One row per object, as Setup shows it: Account's object access goes from Read to Read + View All Records.
    const account = within(review).getByRole('row', { name: /^Account\b/ });
    expect(account.textContent).toMatch(/Read → Read \+ View All Records/);
    expect(api.callsTo('connection.updateAccess')).toHaveLength(1);
    expect(await screen.findByRole('heading', { name: 'Updating access' })).toBeTruthy();
  });

  it('Recreate starts a recreate run', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.drift });
    await user.click(screen.getByRole('button', { name: 'Recreate' }));
    const review = await confirmReview(user, 'Review: recreate the connection');
    expect(within(review).getByText("The app's consumer key changes.")).toBeTruthy();
    expect(within(review).getByText(/Export the agent's credentials again/)).toBeTruthy();
    expect(api.callsTo('connection.recreate')).toHaveLength(1);
  });
});

describe('Salesforce panel, error', () => {
  it('shows the admin-readable message with Reconnect, and no stack trace', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.error });
    const alert = screen
      .getByText('Part of the connection is missing or was changed in Salesforce.')
      .closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText('The integration user is missing or inactive.')).toBeTruthy();
    expect(alert.textContent).not.toMatch(/at \w+ \(|Error:/);
    await user.click(within(alert).getByRole('button', { name: 'Reconnect' }));
    await confirmReview(user, 'Review: reconnect');
    expect(api.callsTo('connection.reconnect')).toHaveLength(1);
    expect(await screen.findByRole('heading', { name: 'Reconnecting' })).toBeTruthy();
  });

  it('shows the end of a run that finished before the call that started it answered', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.error });
    const startRun = api['connection.reconnect'];
    // Browser mode: the run's events can overtake the HTTP answer, which still says "running".
    api['connection.reconnect'] = async (input) => {
      const running = await startRun(input);
      api.emit('connection.changed', fixtures.connection.connected);
      return running;
    };
    const alert = screen
      .getByText('Part of the connection is missing or was changed in Salesforce.')
      .closest('[role="alert"]') as HTMLElement;
    await user.click(within(alert).getByRole('button', { name: 'Reconnect' }));
    await confirmReview(user);
    await waitFor(() => expect(api.callsTo('connection.reconnect')).toHaveLength(1));
    // The connectors list and the details card both say Connected, and no run is shown as going on.
    await waitFor(() => expect(screen.queryAllByText('In progress')).toHaveLength(0));
    expect(screen.getAllByText('Connected').length).toBeGreaterThan(0);
    expect(screen.queryByRole('heading', { name: 'Reconnecting' })).toBeNull();
  });

  it('offers Sign in again when the session ended', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.expired, connection: fixtures.connection.sessionEnded });
    const buttons = screen.getAllByRole('button', { name: 'Sign in again' });
    await user.click(buttons[0] as HTMLElement);
    expect(api.callsTo('auth.signIn')).toHaveLength(1);
  });

  it('shows the error of a failed action where the admin acted', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn });
    api.failNext('connection.enable', { code: 'OPERATION_IN_PROGRESS', message: 'Another change is running.' });
    await user.click(toggle());
    await user.click(saveButton());
    await confirmReview(user);
    expect(await screen.findByText('Another change is in progress. Wait until it has finished.')).toBeTruthy();
  });
});

describe('Salesforce panel, interrupted', () => {
  it('offers Resume and Roll back and shows where the run stopped', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.interrupted });
    expect(screen.getByText('The last change was interrupted before it finished.')).toBeTruthy();
    expect(screen.getByText('Integration user — failed')).toBeTruthy();
    expect(isDisabled(toggle())).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    await confirmReview(user, 'Review: roll back');
    expect(api.callsTo('connection.rollback')).toHaveLength(1);
  });

  it('Resume continues the run', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.interrupted });
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await confirmReview(user, 'Review: resume');
    expect(api.callsTo('connection.resume')).toHaveLength(1);
    expect(await screen.findByRole('heading', { name: 'Resuming the interrupted change' })).toBeTruthy();
  });
});

describe('Salesforce panel, waiting for Salesforce', () => {
  it('says how long it waited and that everything is kept, with the chip, and blocks the switch', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.waiting });
    expect(screen.getByText('Waiting for Salesforce to accept the agent')).toBeTruthy();
    expect(screen.getByText(/Everything is created and kept\. .* 30:00 after the app was created/)).toBeTruthy();
    expect(screen.getAllByText('Waiting for Salesforce').length).toBeGreaterThan(0);
    expect(isDisabled(toggle())).toBe(true);
    expect(screen.getByText('Keep waiting for Salesforce, or roll back, first')).toBeTruthy();
  });

  it('Keep waiting resumes the wait', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.waiting });
    await user.click(screen.getByRole('button', { name: 'Keep waiting' }));
    await confirmReview(user, 'Review: resume');
    expect(api.callsTo('connection.resume')).toHaveLength(1);
    expect(api.callsTo('connection.rollback')).toHaveLength(0);
  });

  it('Roll back removes what was created', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.waiting });
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    await confirmReview(user, 'Review: roll back');
    expect(api.callsTo('connection.rollback')).toHaveLength(1);
  });

  it('speaks Swedish', async () => {
    await renderApp({
      settings: { ...fixtures.settings, language: 'sv' },
      auth: fixtures.auth.signedIn,
      connection: fixtures.connection.waiting,
    });
    expect(screen.getByText('Väntar på att Salesforce ska godkänna agenten')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Fortsätt vänta' })).toBeTruthy();
  });
});

describe('Salesforce panel, removing', () => {
  it('shows removal progress with the switch off and blocked', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.removing });
    expect(screen.getByRole('heading', { name: 'Removing the connection' })).toBeTruthy();
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toContain('Deactivate the integration user');
    expect((toggle() as HTMLInputElement).checked).toBe(false);
    expect(isDisabled(toggle())).toBe(true);
  });
});

describe('keyboard only', () => {
  it('turns access on with Tab, Space and Enter', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn });
    toggle().focus();
    await user.keyboard(' ');
    expect((toggle() as HTMLInputElement).checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(saveButton());
    await user.keyboard('{Enter}');
    const review = await screen.findByRole('dialog', { name: 'Review: turn on access' });
    await waitFor(() => expect(isDisabled(within(review).getByRole('button', { name: 'Confirm and turn on' }))).toBe(false));
    await user.tab();
    await user.keyboard('{Enter}');
    expect(api.callsTo('connection.enable')).toHaveLength(1);
  });

  it('confirms turning off from the keyboard; focus starts on Cancel, the safe choice', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.connected });
    toggle().focus();
    await user.keyboard(' ');
    await user.tab();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Review: turn off access' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await within(dialog).findByText(/Delete the External Client App/);
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Confirm and turn off' }));
    await user.keyboard('{Enter}');
    expect(api.callsTo('connection.disable')).toHaveLength(1);
  });
});

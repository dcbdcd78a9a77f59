import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { fillIn, renderApp } from '../../../test/renderer/render';

const connected = { auth: fixtures.auth.signedIn, connection: fixtures.connection.connected } as const;

afterEach(() => vi.restoreAllMocks());

async function chooseExport(user: Awaited<ReturnType<typeof renderApp>>['user'], item: string) {
  // The details card is loaded lazily: its Export button is waited for, not assumed.
  await user.click(await screen.findByRole('button', { name: 'Export' }));
  await user.click(await screen.findByRole('menuitem', { name: item }));
}

describe('Connection details', () => {
  it('downloads the export in browser mode', async () => {
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { api, user } = await renderApp({
      ...connected,
      info: { ...fixtures.appInfo, host: 'browser' },
      savedFile: { kind: 'download', fileName: 'sales-agent-connection.csv', mimeType: 'text/csv', content: 'object,field\n' },
    });
    await chooseExport(user, 'CSV');
    await waitFor(() => expect(api.callsTo('connection.export')).toEqual([{ format: 'csv' }]));
    expect(await screen.findByText('Downloaded sales-agent-connection.csv')).toBeTruthy();
    expect(clicked).toEqual(['sales-agent-connection.csv']);
  });

  it('tells where the desktop app saved the export', async () => {
    const { api, user } = await renderApp({ ...connected, savedFile: { kind: 'saved', path: '/home/ada/connection.md' } });
    await chooseExport(user, 'Markdown');
    expect(api.callsTo('connection.export')).toEqual([{ format: 'md' }]);
    expect(await screen.findByText('Saved to /home/ada/connection.md')).toBeTruthy();
  });

  it('copies the consumer key', async () => {
    // user-event puts a clipboard stub on navigator for the test.
    const { user } = await renderApp(connected);
    await user.click(screen.getByRole('button', { name: 'Copy consumer key' }));
    expect(await navigator.clipboard.readText()).toBe('3MVG9fakeConsumerKeyForTests');
    expect(await screen.findByText('Consumer key copied')).toBeTruthy();
  });

  it('tests the connection as the agent and reports the result with what the agent sees', async () => {
    const seesAll = { ...fixtures.visibility, objects: fixtures.visibility.objects.map((o) => ({ ...o, agentCanSee: o.adminCanSee })) };
    const { api, user } = await renderApp({ ...connected, visibility: seesAll });
    // Opening the app re-read the org once in the background; Test reads it again.
    expect(api.callsTo('connection.check')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(api.callsTo('connection.check')).toHaveLength(2);
    expect(await screen.findByText(/The connection works: the agent signed in and sees Account 5 of 5, Opportunity 5 of 5/)).toBeTruthy();
  });

  it('warns, rather than saying the connection works, when the agent signs in but sees no records', async () => {
    const { user } = await renderApp(connected);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const verdict = await screen.findByText(/The agent signs in, but sees no records of some objects: Account 0 of 5, Opportunity 5 of 5/);
    expect(verdict.closest('[role="alert"]')?.className).toMatch(/Warning/);
    expect(screen.queryByText(/The connection works/)).toBeNull();
  });

  it('reports problems the test found', async () => {
    const { user } = await renderApp({
      ...connected,
      health: {
        ...fixtures.health,
        status: 'error',
        agentTokenOk: false,
        drift: { ...fixtures.health.drift, brokenArtifacts: ['External client app'] },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/The test found problems/)).toBeTruthy();
    expect(screen.getByText('External client app')).toBeTruthy();
  });

  it('opens each artifact in Salesforce Setup through main', async () => {
    const { api, user } = await renderApp(connected);
    await user.click(screen.getByRole('button', { name: 'Integration user: Open in Salesforce Setup' }));
    await user.click(screen.getByRole('button', { name: 'Permission set: Open in Salesforce Setup' }));
    await user.click(screen.getByRole('button', { name: 'App: Open in Salesforce Setup' }));
    expect(api.callsTo('connection.openInSetup')).toEqual([{ artifact: 'user' }, { artifact: 'permissionSet' }, { artifact: 'app' }]);
  });
});

describe('Export agent credentials', () => {
  it('needs a passphrase of 12 characters typed twice, then exports', async () => {
    const { api, user } = await renderApp(connected);
    await chooseExport(user, 'Export agent credentials…');
    const dialog = await screen.findByRole('dialog', { name: 'Export agent credentials' });
    const passphrase = within(dialog).getByLabelText('Passphrase');
    await waitFor(() => expect(document.activeElement).toBe(passphrase));
    await fillIn(user, passphrase, 'too short');
    await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
    await waitFor(() => expect(passphrase.getAttribute('aria-invalid')).toBe('true'));
    await user.clear(passphrase);
    await fillIn(user, passphrase, 'correct horse battery');
    await fillIn(user, within(dialog).getByLabelText('Type the passphrase again'), 'correct horse battery!');
    await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
    expect(await within(dialog).findByText('The passphrases do not match.')).toBeTruthy();
    expect(api.callsTo('connection.exportCredentials')).toHaveLength(0);
    await user.type(within(dialog).getByLabelText('Type the passphrase again'), '{Backspace}');
    await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
    await waitFor(() => expect(api.callsTo('connection.exportCredentials')).toEqual([{ passphrase: 'correct horse battery' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows a refused passphrase in the dialog', async () => {
    const { api, user } = await renderApp(connected);
    api.failNext('connection.exportCredentials', { code: 'PASSPHRASE_INVALID', message: 'The passphrase is too weak.' });
    await chooseExport(user, 'Export agent credentials…');
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(within(dialog).getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
    expect(await within(dialog).findByText('The passphrase is not valid.')).toBeTruthy();
  });

  it('asks the admin to confirm by signing in again when they have not lately', async () => {
    const { api, user } = await renderApp(connected);
    await chooseExport(user, 'Export agent credentials…');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/needs a fresh sign-in/)).toBeTruthy();
    // Pressing Export anyway says, where the admin pressed it, that nothing was exported and why.
    api.failNext('connection.exportCredentials', { code: 'CONFIRMATION_REQUIRED', message: 'Confirm it is you.', action: 'signIn' });
    await user.click(within(dialog).getByLabelText('Passphrase'));
    await user.paste('correct horse battery');
    await user.click(within(dialog).getByLabelText('Type the passphrase again'));
    await user.paste('correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
    expect(
      (await within(dialog).findByText(/Nothing was exported: Salesforce wants you to confirm/)).closest('[role="alert"]'),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Sign in again to confirm' }));
    expect(api.callsTo('auth.signIn')).toHaveLength(1);
  });

  it('says the admin is confirmed after a fresh sign-in, and asks again once main says it ran out', async () => {
    const confirmedUntil = new Date(Date.now() + 4 * 60_000).toISOString();
    const { api, user } = await renderApp({ ...connected, auth: { ...fixtures.auth.signedIn, confirmedUntil } });
    await chooseExport(user, 'Export agent credentials…');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Confirmed: you signed in again/)).toBeTruthy();
    api.failNext('connection.exportCredentials', {
      code: 'CONFIRMATION_REQUIRED',
      message: 'Confirm it is you.',
      action: 'signIn',
      params: { minutes: 5 },
    });
    await user.type(within(dialog).getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(within(dialog).getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
    expect(await within(dialog).findByRole('button', { name: 'Sign in again to confirm' })).toBeTruthy();
    expect(within(dialog).queryByText(/Confirmed: you signed in again/)).toBeNull();
  });
});

describe("Connection details: the agent's sign-in audience", () => {
  it('shows the audience the agent signs in with', async () => {
    await renderApp(connected);
    expect(await screen.findByText('Agent sign-in audience')).toBeTruthy();
    expect(screen.getByText('https://login.salesforce.com')).toBeTruthy();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

const owed = { auth: fixtures.auth.signedIn, connection: fixtures.connection.handOverOwed } as const;
const title = 'Give the agent its new credentials';

describe('the hand-over banner after a run that changed the credentials', () => {
  it('stays through a test of the connection and goes only once the credentials are exported', async () => {
    const { api, user } = await renderApp(owed);
    const banner = (await screen.findByText(title)).closest('[role="alert"]') as HTMLElement;
    expect(within(banner).getByText(/rebuilt on .* with a new consumer key/)).toBeTruthy();
    expect(within(banner).getByText(/The last export, on .*, was for the earlier one/)).toBeTruthy();
    // It cannot be dismissed: no close button, only the export that settles it.
    expect(within(banner).queryByRole('button', { name: /close/i })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/The agent signs in/)).toBeTruthy();
    expect(screen.getByText(title)).toBeTruthy();

    await user.click(within(banner).getByRole('button', { name: 'Export credentials' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export agent credentials' });
    await user.type(within(dialog).getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(within(dialog).getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
    expect(api.callsTo('connection.exportCredentials')).toEqual([{ passphrase: 'correct horse battery' }]);
    await waitFor(() => expect(screen.queryByText(title)).toBeNull());
  });

  it('names a replaced certificate, in Swedish too', async () => {
    const connection = {
      ...fixtures.connection.handOverOwed,
      handOver: { reason: 'newCertificate' as const, since: '2026-11-24T09:30:00.000Z' },
    };
    await renderApp({ ...owed, connection, settings: { ...fixtures.settings, language: 'sv' } });
    const banner = (await screen.findByText('Ge agenten dess nya inloggningsuppgifter')).closest('[role="alert"]') as HTMLElement;
    expect(
      within(banner).getByText(/Agentens certifikat byttes .*Exportera inloggningsuppgifterna och ge agenten den nya filen\./),
    ).toBeTruthy();
    expect(within(banner).getByRole('button', { name: 'Exportera inloggningsuppgifter' })).toBeTruthy();
  });

  it('is not there when nothing is owed', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.connected });
    expect(await screen.findByRole('button', { name: 'Test connection' })).toBeTruthy();
    expect(screen.queryByText(title)).toBeNull();
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

describe('Cancelling a run', () => {
  it('reviews what cancelling removes before it cancels, and keeps running when the admin changes their mind', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.activating });
    await user.click(await screen.findByRole('button', { name: 'Cancel run' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this run?' });
    expect(within(dialog).getByText(/removes what it created so far/)).toBeTruthy();
    expect(within(dialog).getByText('Permission set')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Keep running' }));
    expect(api.callsTo('connection.cancel')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Cancel run' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel the run' }));
    expect(api.callsTo('connection.cancel')).toHaveLength(1);
  });
});

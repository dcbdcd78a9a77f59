import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { confirmReview, renderApp } from '../../../test/renderer/render';

const connected = { auth: fixtures.auth.signedIn, connection: fixtures.connection.connected } as const;
const notAdmin = {
  code: 'NOT_CONNECTION_ADMIN',
  message: "Only an admin with the connection's rights may export the agent's credentials.",
  params: { operation: 'exportCredentials', username: 'sam.seller@contoso-demo.example', missing: 'Manage Users, Customize Application' },
} as const;
const notOwner = {
  code: 'NOT_CONNECTION_OWNER',
  message: 'dana@contoso-demo.example turned this connection on.',
  action: 'handOver',
  params: { operation: 'exportCredentials', username: 'alex@contoso-demo.example', owner: 'dana@contoso-demo.example' },
} as const;

async function exportWithPassphrase(user: Awaited<ReturnType<typeof renderApp>>['user']): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', { name: 'Export' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Export agent credentials…' }));
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByLabelText('Passphrase'));
  await user.paste('correct horse battery');
  await user.click(within(dialog).getByLabelText('Type the passphrase again'));
  await user.paste('correct horse battery');
  await user.click(within(dialog).getByRole('button', { name: 'Export credentials' }));
  return dialog;
}

describe("the agent's key, refused to someone who is not the connection's admin", () => {
  it('says plainly why a user without the admin rights cannot export the credentials', async () => {
    const { api, user } = await renderApp(connected);
    api.failNext('connection.exportCredentials', notAdmin);
    const dialog = await exportWithPassphrase(user);
    const alert = (await within(dialog).findByText(/Only an admin with the connection's rights may do this/)).closest('[role="alert"]');
    expect(alert?.textContent).toContain('sam.seller@contoso-demo.example lacks: Manage Users, Customize Application');
    expect(within(dialog).queryByRole('button', { name: /Take over/ })).toBeNull();
  });

  it('offers another admin the hand-over, and exports only once they take the connection over', async () => {
    const { api, user } = await renderApp(connected);
    api.failNext('connection.exportCredentials', notOwner);
    const dialog = await exportWithPassphrase(user);
    expect(await within(dialog).findAllByText(/dana@contoso-demo.example turned this connection on/)).not.toHaveLength(0);
    expect(api.callsTo('connection.exportCredentials')).toEqual([{ passphrase: 'correct horse battery' }]);
    await user.click(within(dialog).getByRole('button', { name: 'Take over from dana@contoso-demo.example' }));
    await waitFor(() =>
      expect(api.callsTo('connection.exportCredentials')).toEqual([
        { passphrase: 'correct horse battery' },
        { passphrase: 'correct horse battery', handOver: true },
      ]),
    );
  });

  it('shows the refusal of Rotate key, and rotates for another admin only after the hand-over', async () => {
    const { api, user } = await renderApp(connected);
    api.failNext('connection.rotateKey', { ...notAdmin, params: { ...notAdmin.params, operation: 'rotateKey' } });
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    await confirmReview(user, 'Review: rotate the key');
    expect(await screen.findByText(/Only an admin with the connection's rights may do this/)).toBeTruthy();

    api.failNext('connection.rotateKey', { ...notOwner, params: { ...notOwner.params, operation: 'rotateKey' } });
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    await confirmReview(user, 'Review: rotate the key');
    await user.click(await screen.findByRole('button', { name: 'Take over from dana@contoso-demo.example' }));
    await confirmReview(user, 'Review: rotate the key');
    await waitFor(() =>
      expect(api.callsTo('connection.rotateKey').at(-1)).toEqual({ planId: expect.any(String) as string, handOver: true }),
    );
  });
});

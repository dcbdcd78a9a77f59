import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../test/renderer/fake-fixtures';
import { renderApp } from '../../test/renderer/render';

const refused = {
  code: 'INSUFFICIENT_ADMIN_RIGHTS' as const,
  message: 'Your Salesforce user is not allowed to do this while creating the External Client App.',
  action: 'retry' as const,
  params: { detail: 'INSUFFICIENT_ACCESS: insufficient access rights on cross-reference id', run: 'enable' },
};

describe('an error an admin can act on', () => {
  it('after a failed first turn-on offers Try again (reviewed first), with Salesforce’s own words beside ours', async () => {
    const { user } = await renderApp({
      auth: fixtures.auth.signedIn,
      connection: { status: 'error', orgId: fixtures.identity.orgId, error: refused },
    });
    const alert = screen
      .getByText('Your Salesforce user is not allowed to do this while creating the External Client App.')
      .closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText('Salesforce said: “insufficient access rights on cross-reference id”')).toBeTruthy();
    expect(within(alert).queryByText(/INSUFFICIENT_ACCESS/)).toBeNull();
    expect(within(alert).queryByText(/step|\(app\)/)).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('dialog', { name: 'Review: turn on access' })).toBeTruthy();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CertificateExpiry, ConnectionState } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { confirmReview, renderApp } from '../../../test/renderer/render';

const certificate = (expiry: Partial<CertificateExpiry>): CertificateExpiry => ({
  notAfter: '2027-11-23T10:00:00.000Z',
  daysLeft: 365,
  warning: 'none',
  ...expiry,
});
const connectedWith = (expiry: Partial<CertificateExpiry>): ConnectionState => ({
  ...fixtures.connection.connected,
  details: { ...fixtures.details, certificate: certificate(expiry) },
});

describe('Rotate key', () => {
  it('shows the review first, then offers the new credentials once the key is rotated', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: connectedWith({}) });
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    expect(api.callsTo('connection.rotateKey')).toEqual([]);

    const review = await confirmReview(user, 'Review: rotate the key');
    expect(within(review).getByRole('button', { name: 'Confirm and rotate' })).toBeTruthy();
    await waitFor(() => expect(api.callsTo('connection.rotateKey')).toEqual([{ planId: expect.any(String) as string }]));
    expect(screen.queryByRole('dialog', { name: 'Export agent credentials' })).toBeNull();

    // The run replaced the certificate: the same app and consumer key, a new rotation time.
    api.emit('connection.changed', connectedWith({ rotatedAt: '2026-11-24T09:00:00.000Z', notAfter: '2027-11-24T09:00:00.000Z' }));
    expect(await screen.findByRole('dialog', { name: 'Export agent credentials' })).toBeTruthy();
  });

  it('starts nothing when the admin cancels the review', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: connectedWith({}) });
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    const review = await screen.findByRole('dialog', { name: 'Review: rotate the key' });
    await user.click(within(review).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Review: rotate the key' })).toBeNull());
    expect(api.callsTo('connection.rotateKey')).toEqual([]);
  });
});

describe("The agent's certificate expiry warning", () => {
  it('says nothing while the certificate has more than 30 days left', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: connectedWith({}) });
    expect(screen.queryByText(/certificate expires on/)).toBeNull();
  });

  it('warns 30 days ahead, asking for a rotation before then', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: connectedWith({ daysLeft: 30, warning: 'within30Days' }) });
    expect(await screen.findByText(/The agent's certificate expires on .*, in 30 days\. Rotate the key before then/)).toBeTruthy();
  });

  it('warns 7 days ahead, asking for a rotation now', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: connectedWith({ daysLeft: 7, warning: 'within7Days' }) });
    expect(await screen.findByText(/The agent's certificate expires on .*, in 7 days\. Rotate the key now/)).toBeTruthy();
  });

  it('says when the certificate has expired, in the warning and in the details', async () => {
    await renderApp({
      auth: fixtures.auth.signedIn,
      connection: connectedWith({ daysLeft: -3, warning: 'expired', notAfter: '2026-11-20T10:00:00.000Z' }),
    });
    expect(
      await screen.findByText(/The agent's certificate expired on .*\. Rotate the key and give the agent the new credentials/),
    ).toBeTruthy();
    expect(screen.getByText(/^Expired on /)).toBeTruthy();
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

describe('Give these to your agent', () => {
  it('names what the credentials file holds and the exact token request the agent makes', async () => {
    await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.connected });
    const details = fixtures.connection.connected.details;
    if (!details) throw new Error('the connected fixture has details');

    const section = await screen.findByRole('region', { name: 'Give these to your agent' });
    const inside = within(section);

    const text = section.textContent;
    for (const value of [details.app.consumerKey, details.user.username, details.org.id, details.org.myDomainUrl])
      expect(text).toContain(value);
    expect(inside.getByText(/private key, encrypted with your passphrase/)).toBeTruthy();
    const request = inside.getByText(/grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer/);
    expect(request.textContent).toContain(`POST ${details.org.myDomainUrl}/services/oauth2/token`);
    expect(inside.getByText(/signed RS256/).textContent).toContain(`aud = ${details.org.audience}`);
    expect(inside.getByText('npm run cli -- agent-token --credentials FILE')).toBeTruthy();
  });

  it('says it in Swedish too', async () => {
    await renderApp({
      auth: fixtures.auth.signedIn,
      connection: fixtures.connection.connected,
      settings: { ...fixtures.settings, language: 'sv' },
    });
    expect(await screen.findByRole('region', { name: 'Ge det här till din agent' })).toBeTruthy();
  });
});

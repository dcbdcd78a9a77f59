import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

const connected = { auth: fixtures.auth.signedIn, connection: fixtures.connection.connected } as const;

async function openPicker(state: Parameters<typeof renderApp>[0] = connected) {
  const rendered = await renderApp(state);
  await rendered.user.click(await screen.findByRole('button', { name: 'Change agent access' }));
  const dialog = await screen.findByRole('dialog', { name: 'Agent access' });
  return { ...rendered, dialog };
}

describe('Agent access', () => {
  it('summarises what the agent reads and needs sign-in to change it', async () => {
    await renderApp();
    const summary = await screen.findByRole('table', { name: 'Objects and fields the agent reads' });
    expect(within(summary).getByText('AccountId, Email, MobilePhone, Phone, Title')).toBeTruthy();
    const change = screen.getByRole<HTMLButtonElement>('button', { name: 'Change agent access' });
    expect(change.disabled).toBe(true);
    expect(document.getElementById(change.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Sign in to Salesforce');
  });

  it('picks fields from the describe, marks custom ones and explains non-permissionable ones', async () => {
    const { user, dialog } = await openPicker();
    await user.click(within(dialog).getByRole('button', { name: /^Lead/ }));
    const score = await within(dialog).findByRole('checkbox', { name: /Score__c/ });
    expect(score.closest('label')?.textContent).toContain('Custom');
    expect(within(dialog).getByRole<HTMLInputElement>('checkbox', { name: /\(Email\)/ }).checked).toBe(true);
    expect(within(dialog).queryByRole('checkbox', { name: /\(Id\)/ })).toBeNull();
    expect(within(dialog).getByText(/Always readable with access to the object/)).toBeTruthy();
    expect(within(dialog).getByText(/Lead ID \(Id\)/)).toBeTruthy();
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search fields' }), 'sco');
    expect(within(dialog).getAllByRole('checkbox')).toHaveLength(1);
  });

  it('warns about View All and Edit opt-ins', async () => {
    const { user, dialog } = await openPicker();
    await user.click(within(dialog).getByRole('button', { name: /^Lead/ }));
    await user.click(within(dialog).getByRole('switch', { name: 'View all records' }));
    expect(within(dialog).getByText(/ignoring sharing rules/)).toBeTruthy();
    await user.click(within(dialog).getByRole('switch', { name: 'Edit records' }));
    expect(within(dialog).getByText(/change records, not only read them/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /^Account/ }));
    expect(within(dialog).queryByRole('switch', { name: 'Edit records' })).toBeNull();
    // View All is the admin's choice on any object that takes object permissions; the warning says what it means.
    expect(within(dialog).getByRole('switch', { name: 'View all records' })).toBeTruthy();
  });

  it('explains that tasks and events are reached through their records, and offers no View All for them', async () => {
    const { user, dialog } = await openPicker();
    await user.click(within(dialog).getByRole('button', { name: /^Task/ }));
    expect(
      await within(dialog).findByText(
        'Salesforce gives access to tasks and events through the records they belong to; only their fields are granted.',
      ),
    ).toBeTruthy();
    expect(within(dialog).queryByRole('switch', { name: 'View all records' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: /^Lead/ }));
    expect(await within(dialog).findByRole('switch', { name: 'View all records' })).toBeTruthy();
    expect(within(dialog).queryByText(/through the records they belong to/)).toBeNull();
  });

  it('saving a field the connection lacks leads to the drift state', async () => {
    const { api, user, dialog } = await openPicker();
    await user.click(within(dialog).getByRole('button', { name: /^Lead/ }));
    await user.click(await within(dialog).findByRole('checkbox', { name: /Score__c/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const saved = api.callsTo('agent.accessProfile.update')[0];
    expect(saved?.objects.find((o) => o.object === 'Lead')?.fields).toContain('Score__c');
    expect(await screen.findByText('The agent needs access the connection does not grant.')).toBeTruthy();
    expect(screen.getByText('Lead.Score__c')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Recreate' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update access' })).toBeTruthy();
  });

  it('the summary shows what main holds after a save, and after a change made elsewhere (the CLI, another window)', async () => {
    const { api, user, dialog } = await openPicker();
    await user.click(within(dialog).getByRole('button', { name: /^Lead/ }));
    await user.click(await within(dialog).findByRole('checkbox', { name: /Score__c/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const summary = screen.getByRole('table', { name: 'Objects and fields the agent reads' });
    await waitFor(() => expect(within(summary).getByText(/Score__c/)).toBeTruthy());

    api.state.accessProfile = { ...api.state.accessProfile, objects: api.state.accessProfile.objects.filter((o) => o.object !== 'Lead') };
    api.emit('connection.changed', { ...api.state.connection, status: 'connected' });
    await waitFor(() => expect(within(summary).queryByText('Lead')).toBeNull());
  });

  it('adds a custom object from the org', async () => {
    const { api, user, dialog } = await openPicker();
    await user.click(within(dialog).getByRole('combobox', { name: 'Add an object' }));
    await user.click(await screen.findByRole('option', { name: /Invoice \(Invoice__c\)/ }));
    await user.click(await within(dialog).findByRole('checkbox', { name: /Amount__c/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('agent.accessProfile.update')).toHaveLength(1));
    expect(api.callsTo('agent.accessProfile.update')[0]?.objects.at(-1)).toEqual({
      object: 'Invoice__c',
      fields: ['Amount__c'],
      viewAllRecords: false,
      edit: false,
    });
  });

  it('Cancel changes nothing and returns focus to the button that opened it', async () => {
    const { api, user, dialog } = await openPicker();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change agent access' }));
    expect(api.callsTo('agent.accessProfile.update')).toHaveLength(0);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

async function openActivity(state: Parameters<typeof renderApp>[0] = {}, tab = 'Activity') {
  const rendered = await renderApp(state);
  await rendered.user.click(screen.getByRole('button', { name: tab }));
  const table = await screen.findByRole('table');
  return { ...rendered, table };
}

const accessChanged: AuditEntry = {
  id: 'a0',
  at: '2026-11-23T11:00:00.000Z',
  actor: 'ada@acme.example',
  orgId: '00D5g000004XyZaEAK',
  operation: 'agent.accessProfile.update',
  result: 'success',
  summary: "Changed the agent's access: added fields Account.Region__c; View All Records turned on for Account.",
  summaryKey: 'accessChanged',
  params: {},
  access: {
    addedObjects: [],
    removedObjects: [],
    addedFields: ['Account.Region__c'],
    removedFields: [],
    editOn: [],
    editOff: [],
    viewAllOn: ['Account'],
    viewAllOff: [],
  },
  artifacts: [],
};

describe('Activity', () => {
  it('lists the audit log with result, summary, actor and org', async () => {
    const { table } = await openActivity();
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('Turn on access');
    expect(rows[1]?.textContent).not.toContain('connection.enable');
    expect(rows[1]?.textContent).toContain('Succeeded');
    expect(rows[1]?.textContent).toContain('Turned on access for Sales Agent.');
    expect(rows[2]?.textContent).toContain('Failed');
  });

  it('filters by operation and by org', async () => {
    const { api, user } = await openActivity();
    await user.click(screen.getByRole('combobox', { name: /Operation/ }));
    await user.click(screen.getByRole('option', { name: 'Sign in' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(api.callsTo('audit.list').at(-1)).toEqual({ operation: 'auth.signIn' });
    await user.click(screen.getByRole('combobox', { name: /Org/ }));
    await user.click(screen.getByRole('option', { name: '00D5g000004XyZaEAK' }));
    expect(await screen.findByText('Nothing has happened yet.')).toBeTruthy();
    expect(api.callsTo('audit.list').at(-1)).toEqual({ operation: 'auth.signIn', orgId: '00D5g000004XyZaEAK' });
  });

  it('shows an access change with every field, Edit and View All change', async () => {
    const { table } = await openActivity({ audit: [accessChanged, ...fixtures.auditEntries] });
    const row = within(table).getAllByRole('row')[1];
    expect(row?.textContent).toContain("Change the agent's access");
    expect(
      within(row as HTMLElement)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Fields added: Account.Region__c', 'View All Records turned on: Account']);
  });

  it('shows operations, summaries and access changes in Swedish for a Swedish admin', async () => {
    const sv = await openActivity({ settings: { ...fixtures.settings, language: 'sv' }, audit: [accessChanged] }, 'Aktivitet');
    const svRow = within(sv.table).getAllByRole('row')[1];
    expect(svRow?.textContent).toContain('Ändra agentens åtkomst');
    expect(svRow?.textContent).toContain('Ändrade agentens åtkomst.');
    expect(svRow?.textContent).toContain('Visa alla poster påslaget: Account');
  });

  it('exports the log', async () => {
    const { api, user } = await openActivity();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    expect(api.callsTo('audit.export')).toEqual([{ format: 'csv' }]);
    expect(await screen.findByText('Saved to /home/ada/connection.json')).toBeTruthy();
  });
});

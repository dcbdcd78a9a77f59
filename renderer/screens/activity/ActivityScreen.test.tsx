import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';

async function openActivity() {
  const rendered = await renderApp();
  await rendered.user.click(screen.getByRole('button', { name: 'Activity' }));
  const table = await screen.findByRole('table', { name: 'Activity log' });
  return { ...rendered, table };
}

describe('Activity', () => {
  it('lists the audit log with result, summary, actor and org', async () => {
    const { table } = await openActivity();
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('connection.enable');
    expect(rows[1]?.textContent).toContain('Succeeded');
    expect(rows[1]?.textContent).toContain('Turned on access for Sales Agent.');
    expect(rows[2]?.textContent).toContain('Failed');
  });

  it('filters by operation and by org', async () => {
    const { api, user } = await openActivity();
    await user.click(screen.getByRole('combobox', { name: /Operation/ }));
    await user.click(screen.getByRole('option', { name: 'auth.signIn' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(api.callsTo('audit.list').at(-1)).toEqual({ operation: 'auth.signIn' });
    await user.click(screen.getByRole('combobox', { name: /Org/ }));
    await user.click(screen.getByRole('option', { name: '00D5g000004XyZaEAK' }));
    expect(await screen.findByText('Nothing has happened yet.')).toBeTruthy();
    expect(api.callsTo('audit.list').at(-1)).toEqual({ operation: 'auth.signIn', orgId: '00D5g000004XyZaEAK' });
  });

  it('exports the log', async () => {
    const { api, user } = await openActivity();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    expect(api.callsTo('audit.export')).toEqual([{ format: 'csv' }]);
    expect(await screen.findByText('Saved to /home/ada/connection.json')).toBeTruthy();
  });
});

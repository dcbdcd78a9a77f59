import { render as renderPlain, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { PermissionChange, PlannedVisibility } from '../../../../common';
import { createI18n } from '../../../i18n';
import { AccessTable } from './AccessTable';
import { Consequences } from './Consequences';
import { PlannedVisibilityTable } from './PlannedVisibilityTable';

const render = (ui: ReactElement) => renderPlain(<I18nextProvider i18n={createI18n('en')}>{ui}</I18nextProvider>);

const read = { read: true, edit: false, viewAllRecords: false };
const grant = (object: string, field: string | null): PermissionChange => ({ object, field, before: null, after: read, widens: false });

describe('the review, as Setup shows it', () => {
  it('gives one row per object with its fields, not a line per field', () => {
    const changes = [
      grant('Account', null),
      ...['Name', 'Industry', 'Phone'].map((f) => grant('Account', f)),
      grant('Contact', null),
      grant('Contact', 'Email'),
    ];
    render(<AccessTable changes={changes} label="The agent's access" />);
    const table = screen.getByRole('table', { name: "The agent's access" });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toBe('AccountReadName, Industry, Phone: Read');
    expect(rows[1]?.textContent).toBe('ContactReadEmail: Read');
  });

  it('names a removed grant and a widened one in the row of its object', () => {
    const changes: PermissionChange[] = [
      { object: 'Account', field: null, before: read, after: { ...read, viewAllRecords: true }, widens: true },
      { object: 'Account', field: 'Tier__c', before: read, after: null, widens: false },
    ];
    render(<AccessTable changes={changes} label="access" />);
    const row = screen.getByRole('row', { name: /^Account/ });
    expect(row.textContent).toContain('Read → Read + View All Records');
    expect(within(row).getByText('Widens access')).toBeTruthy();
    expect(row.textContent).toContain('Tier__c: Removed (was Read)');
  });

  it('puts what the agent loses first, in the warning colour', () => {
    render(<Consequences consequences={['waitForSalesforce', 'consumerKeyChanges', 'agentOffline']} />);
    const notes = within(screen.getByRole('group')).getAllByRole('alert');
    expect(notes.map((n) => n.textContent)).toEqual([
      "The app's consumer key changes.",
      'The agent is offline for a few minutes, until Salesforce accepts the new app.',
      'Salesforce takes a few minutes to accept a new app; the run waits for it.',
    ]);
    expect(notes.map((n) => n.className.includes('Warning'))).toEqual([true, true, false]);
  });

  it('says what the agent will see per object before anything is created, warning where it sees nothing', () => {
    const visibility: PlannedVisibility[] = [
      { object: 'Account', total: 5, willSee: 0, reason: 'private', message: '' },
      { object: 'Lead', total: 3, willSee: 3, reason: 'public', message: '' },
      { object: 'Task', total: 4, willSee: null, reason: 'throughParentRecords', message: '' },
    ];
    render(<PlannedVisibilityTable visibility={visibility} />);
    expect(screen.getByText('With this access the agent will see no Account records.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'What the agent will see' });
    expect(within(table).getByRole('row', { name: /^Account/ }).textContent).toContain('0 of 5 records');
    expect(within(table).getByRole('row', { name: /^Lead/ }).textContent).toContain('3 of 3 records');
    expect(within(table).getByRole('row', { name: /^Task/ }).textContent).toContain('Depends on other records');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../../common';
import * as fixtures from '../../../test/renderer/fake-fixtures';
import { renderApp } from '../../../test/renderer/render';

/** An org with a required custom User field, an active validation rule on User and Microsoft's connection. */
const planPreflight: PreflightReport = {
  ok: true,
  checks: [
    { id: 'adminRights', ok: true, severity: 'info', message: 'You have the admin rights the connection needs.', finding: 'adminRightsOk' },
    {
      id: 'userFields',
      ok: false,
      severity: 'warning',
      message: 'User has required custom fields without a default: Cost Center (Cost_Center__c).',
      finding: 'userFieldsNeeded',
      fixKey: 'userFields',
      params: { fields: 'Cost Center (Cost_Center__c)' },
    },
    {
      id: 'validationRule:Department_Required',
      ok: false,
      severity: 'warning',
      message: 'Active validation rule on User: Department_Required.',
      finding: 'validationRule',
      fixKey: 'validationRule',
      params: { rule: 'Department_Required', message: 'Every user needs a department.', field: 'Department' },
    },
    {
      id: 'coexistingConnection',
      ok: false,
      severity: 'info',
      message: "This org has Microsoft's own Sales agent connection.",
      finding: 'coexistingConnection',
      params: { items: 'app "M365 Copilot Sales"; permission set CopilotForSalesPermissionSet', count: 1 },
    },
  ],
  userFields: [
    { name: 'Cost_Center__c', label: 'Cost Center', type: 'string', required: true },
    {
      name: 'Department',
      label: 'Department',
      type: 'string',
      required: false,
      rule: 'Department_Required',
      ruleMessage: 'Every user needs a department.',
    },
  ],
};

const toggle = () => screen.getByRole('switch', { name: 'Turn on access' });
const saveButton = () => screen.getByRole('button', { name: 'Save' });
const confirmButton = (review: HTMLElement) => within(review).getByRole<HTMLButtonElement>('button', { name: 'Confirm and turn on' });

async function openReview() {
  const rendered = await renderApp({ auth: fixtures.auth.signedIn, planPreflight });
  await rendered.user.click(toggle());
  await rendered.user.click(saveButton());
  const review = await screen.findByRole('dialog', { name: 'Review: turn on access' });
  await within(review).findByText('What this org asks of the integration user');
  return { ...rendered, review };
}

describe("Turn on's review: what the org's own setup asks of the integration user", () => {
  it('shows the rule, the required field and Microsoft’s connection, each with its fix', async () => {
    const { review } = await openReview();
    expect(
      within(review).getByText(/Active validation rule on User: Department_Required \("Every user needs a department."\)/),
    ).toBeTruthy();
    expect(within(review).getByText(/User has required custom fields without a default: Cost Center \(Cost_Center__c\)/)).toBeTruthy();
    expect(within(review).getByText(/This org has Microsoft's own Sales agent connection \(app "M365 Copilot Sales"/)).toBeTruthy();
    expect(within(review).getByText(/exempt the integration profile in the rule/)).toBeTruthy();
    expect(within(review).queryByText('You have the admin rights the connection needs.')).toBeNull();
  });

  it('keeps Confirm off until the required field has a value, then runs with the values entered', async () => {
    const { api, user, review } = await openReview();
    const costCenter = within(review).getByRole('textbox', { name: /Cost Center \(Cost_Center__c\), required/ });
    await waitFor(() => expect(within(review).getByText('Enter a value for each required field to turn on access.')).toBeTruthy());
    expect(confirmButton(review).disabled).toBe(true);
    await user.type(costCenter, 'CC-42');
    await user.type(within(review).getByRole('textbox', { name: /Department \(Department\)/ }), 'Sales Operations');
    expect(within(review).getByText('Validation rule Department_Required: "Every user needs a department."')).toBeTruthy();
    await waitFor(() => expect(confirmButton(review).disabled).toBe(false));
    await user.click(confirmButton(review));
    await waitFor(() =>
      expect(api.callsTo('connection.enable')).toEqual([
        { planId: expect.any(String) as string, userFields: { Cost_Center__c: 'CC-42', Department: 'Sales Operations' } },
      ]),
    );
  });
});

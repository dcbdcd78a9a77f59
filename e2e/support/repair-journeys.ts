import { expect, type Locator } from '@playwright/test';
import type { FaultSpec } from '../../packages/salesforce-emulator/index';
import { invalidEmail, setupCompositeRefuses } from '../../test/support/composite-refusal';
import { signIn, type JourneyHost } from './journey-host';
import { fieldsGrantedBy } from './org-checks';
import { salesforcePanel } from './salesforce-panel';
import { checkScreen } from './screen-check';
import { english } from './ui-labels';

/** Salesforce refuses the integration user in Enable's setup Composite (test/support/composite-refusal.ts). */
export const userRefused: FaultSpec = setupCompositeRefuses(invalidEmail('Email: invalid email address: integration user'), { times: 1 });

/** A fault at the integration-user step -> an error alert -> Try again (the first turn-on was rolled back clean) -> connected. */
export async function runFaultReconnectJourney(host: JourneyHost, name: string): Promise<void> {
  const { page, emulator } = host;
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);

  // Armed while the review is open, so its count starts with the run, not with the review's reads.
  await panel.turnOnAndSave(() => {
    emulator.addFault(userRefused);
    return Promise.resolve();
  });
  const alert = page.getByRole('alert').filter({ hasText: 'Salesforce reported an error.' });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText('invalid email address');
  await checkScreen(page, name, 'error');
  expect(emulator.state().externalClientApps).toEqual([]);

  await expect(alert.getByRole('button', { name: english.reconnect })).toHaveCount(0);
  const tryAgain = alert.getByRole('button', { name: 'Try again' });
  await expect(tryAgain).toBeVisible();
  await tryAgain.click();
  await panel.confirmReview();
  await panel.expectConnected();
  await expect(alert).toBeHidden();
  await checkScreen(page, name, 'reconnected');
  expect(emulator.state().externalClientApps).toHaveLength(1);
}

// A custom field of the demo org that the agent's default access does not include.
const NEW_FIELD = { object: 'Account', field: 'Tier__c' };
const NEW_GRANT = `${NEW_FIELD.object}.${NEW_FIELD.field}`;
const PERMISSION_SET = 'Sales_Agent_Permission_Set';

/**
 * Connected, then the admin adds a custom field in the Agent access picker: the connection offers
 * Update access first (it adds the grant in place) and Recreate; `fix` picks one, which must end connected with the
 * field granted (Update access in the same permission set).
 */
export async function runDriftJourney(host: JourneyHost, fix: 'recreate' | 'updateAccess', name: string): Promise<void> {
  const { page, emulator } = host;
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);
  await panel.turnOnAndSave();
  await panel.expectConnected();
  expect(fieldsGrantedBy(emulator, PERMISSION_SET)).not.toContain(NEW_GRANT);
  const permissionSetBefore = emulator.state().permissionSets.find((p) => p.Name === PERMISSION_SET)?.Id;

  await panel.addFieldToAgentAccess(NEW_FIELD.object, NEW_FIELD.field, () => checkScreen(page, name, 'field-picker'));
  const alert = page.getByRole('alert').filter({ hasText: 'The agent needs access the connection does not grant.' });
  await expectDrift(alert);
  await expect(panel.details.getByText('Needs update', { exact: true })).toBeVisible();
  await checkScreen(page, name, 'needs-update');

  await alert.getByRole('button', { name: fix === 'recreate' ? english.recreate : english.updateAccess }).click();
  await panel.confirmReview(() => checkScreen(page, name, 'review'));
  await panel.expectConnected();
  await expect(alert).toBeHidden();
  expect(fieldsGrantedBy(emulator, PERMISSION_SET)).toContain(NEW_GRANT);
  if (fix === 'updateAccess') expect(emulator.state().permissionSets.find((p) => p.Name === PERMISSION_SET)?.Id).toBe(permissionSetBefore);
  await expect(panel.details.getByRole('row', { name: `${NEW_FIELD.object} ${NEW_FIELD.field} Read Field permission` })).toBeVisible();
  await checkScreen(page, name, 'fixed');
}

async function expectDrift(alert: Locator): Promise<void> {
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Update access grants it in the same permission set');
  await expect(alert.getByRole('listitem')).toHaveText([NEW_GRANT]);
  await expect(alert.getByRole('button', { name: english.recreate })).toBeVisible();
  await expect(alert.getByRole('button', { name: english.updateAccess })).toBeVisible();
}

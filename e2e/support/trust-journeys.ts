import { expect, type Locator, type Page } from '@playwright/test';
import type { StartedEmulator } from '../../packages/salesforce-emulator/index';
import jsforce from 'jsforce';
import { authorizeInBrowser, VERSION } from '../../packages/salesforce-emulator/index';
import { english } from './ui-labels';

/** The permission set Turn on creates for the default agent ("Sales Agent"). */
export const PERMISSION_SET = 'Sales_Agent_Permission_Set';

/** The review that opens before a run, once its plan is read from the org (its Confirm enabled). */
export async function openReview(page: Page, title: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog.getByRole('button', { name: english.reviewConfirm })).toBeEnabled({ timeout: 15_000 });
  return dialog;
}

/** The review's list items, one assertion per line the admin must read. */
/** The review's row of one object (its own access and its fields) says each of `texts`. */
export async function expectAccessRow(dialog: Locator, object: string, texts: (string | RegExp)[]): Promise<void> {
  const row = dialog.getByRole('table', { name: "The agent's access" }).getByRole('row', { name: new RegExp(`^${object}\\b`) });
  for (const text of texts) await expect(row).toContainText(text);
}

export async function expectReviewLines(dialog: Locator, lines: (string | RegExp)[]): Promise<void> {
  for (const line of lines) await expect(dialog.getByRole('listitem').filter({ hasText: line })).toHaveCount(1);
}

/**
 * Agent access -> the object -> `edit` inside the dialog -> Save. `edit` gets the dialog and ticks or
 * clears what the admin changes there (fields, View all records).
 */
export async function changeAgentAccess(page: Page, object: string, edit: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: english.changeAgentAccess }).click();
  const dialog = page.getByRole('dialog', { name: english.agentAccessDialog });
  await dialog.getByRole('button', { name: new RegExp(`^${object}\\b`) }).click();
  await edit(dialog);
  await dialog.getByRole('button', { name: english.save, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** In the Agent access dialog: find `field` and tick or clear it. */
export async function setField(dialog: Locator, field: string, on: boolean): Promise<void> {
  await dialog.getByRole('searchbox', { name: english.searchFields }).fill(field);
  await dialog.getByRole('checkbox', { name: new RegExp(`\\(${field}\\)`) }).setChecked(on);
}

/** In the Agent access dialog, on the chosen object: View all records on or off. */
export async function setViewAll(dialog: Locator, on: boolean): Promise<void> {
  await dialog.getByRole('switch', { name: 'View all records' }).setChecked(on);
}

/**
 * What the org grants through the permission set, as Salesforce's ObjectPermissions and
 * FieldPermissions rows say: `Object: R/E/V` per object and `Object.Field: R/E` per field, sorted.
 */
export function grantsInOrg(emulator: StartedEmulator, permissionSetApiName = PERMISSION_SET): string[] {
  const org = emulator.state();
  const set = org.permissionSets.find((p) => p.Name === permissionSetApiName);
  const flag = (on: unknown, letter: string) => (on === true ? letter : '-');
  const objects = org.objectPermissions
    .filter((o) => o.ParentId === set?.Id)
    .map(
      (o) =>
        `${String(o.SobjectType)}: ${flag(o.PermissionsRead, 'R')}${flag(o.PermissionsEdit, 'E')}${flag(o.PermissionsViewAllRecords, 'V')}`,
    );
  const fields = org.fieldPermissions
    .filter((f) => f.ParentId === set?.Id)
    .map((f) => `${String(f.Field)}: ${flag(f.PermissionsRead, 'R')}${flag(f.PermissionsEdit, 'E')}`);
  return [...objects, ...fields].sort();
}

/** The org as a whole, without its clock: what a run that was cancelled before it started must leave alone. */
export function orgWithoutClock(emulator: StartedEmulator): unknown {
  return { ...emulator.state(), now: undefined };
}

/**
 * Another tool removes the agent's access, as the admin would through Salesforce's REST API: the
 * permission set's assignment, then the permission set itself (its grants go with it).
 */
export async function removeAccessWithAnotherTool(emulator: StartedEmulator): Promise<void> {
  const token = await anotherToolSignsIn(emulator);
  const org = emulator.state();
  const set = org.permissionSets.find((p) => p.Name === PERMISSION_SET);
  const remove = (path: string) =>
    fetch(`${emulator.instanceUrl}/services/data/v66.0/sobjects/${path}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
  for (const assignment of org.permissionSetAssignments.filter((a) => a.PermissionSetId === set?.Id))
    expect((await remove(`PermissionSetAssignment/${assignment.Id}`)).status).toBe(204);
  expect((await remove(`PermissionSet/${set?.Id ?? ''}`)).status).toBe(204);
  expect(emulator.state().permissionSets.map((p) => p.Name)).not.toContain(PERMISSION_SET);
}

/** Another tool of the admin's signs in with a client of its own (the web-server flow with PKCE); its access token. */
export async function anotherToolSignsIn(emulator: StartedEmulator): Promise<string> {
  const client = { clientId: 'AnotherTool', redirectUri: 'http://localhost:1718/callback' };
  emulator.registerSignInClient({ clientId: client.clientId, redirectUris: [client.redirectUri] });
  const oauth2 = new jsforce.OAuth2({ loginUrl: emulator.loginUrl, ...client, useVerifier: true });
  const authorize = oauth2.getAuthorizationUrl({ scope: 'api', state: 'other-tool' });
  const redirect = await authorizeInBrowser(authorize, emulator.admin.username, emulator.admin.password);
  const connection = new jsforce.Connection({ oauth2, version: VERSION });
  await connection.authorize(redirect.searchParams.get('code') ?? '');
  return connection.accessToken ?? '';
}

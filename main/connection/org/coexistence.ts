import { z } from 'zod';
import type { CoexistingConnection } from '../../../common';
import type { Row } from '../../salesforce/client';

/**
 * Microsoft's own connection for its Sales agent (fact MICROSOFT-SALES-AGENT-CONNECTION): found by its
 * names in the queries discovery makes anyway, shown, never changed. Each of its users holds a
 * Salesforce Integration licence seat, which the admin should know before a second connection takes one.
 */
export const MICROSOFT_PERMISSION_SET = 'CopilotForSalesPermissionSet';
export const MICROSOFT_PROFILE = 'CopilotForSalesIntegrationProfile';
const USERNAME_PREFIX = 'copilotforsalesintegrationuser';
const APP_LABELS = ['M365 Copilot Sales', 'Copilot for Sales'];

/** The OR-terms discovery adds to its own queries, so finding Microsoft's connection costs no request. */
export const microsoftFilters = {
  permissionSet: `Name = '${MICROSOFT_PERMISSION_SET}'`,
  user: `Username LIKE '${USERNAME_PREFIX}%'`,
  app: APP_LABELS.map((label) => `MasterLabel LIKE '${label}%'`).join(' OR '),
};

const userRow = z.object({ Username: z.string(), IsActive: z.boolean() });
const appRow = z.object({ MasterLabel: z.string().nullable().optional(), DeveloperName: z.string() });
const setRow = z.object({ Name: z.string(), IsOwnedByProfile: z.boolean().nullable().optional(), Profile: z.unknown() });
const profileName = z.object({ Name: z.string() }).nullable().optional();

const isMicrosoftApp = (label: string): boolean => APP_LABELS.some((l) => label.toLowerCase().startsWith(l.toLowerCase()));

/** What of Microsoft's connection the discovery rows show; null when the org has none of it. */
export function coexistingConnection(rows: { permissionSets: Row[]; users: Row[]; apps: Row[] }): CoexistingConnection | null {
  const sets = rows.permissionSets.map((r) => setRow.parse(r));
  const users = rows.users
    .map((r) => userRow.parse(r))
    .filter((u) => u.Username.toLowerCase().startsWith(USERNAME_PREFIX))
    .map((u) => ({ username: u.Username, active: u.IsActive }));
  const apps = rows.apps
    .map((r) => appRow.parse(r))
    .map((a) => a.MasterLabel ?? a.DeveloperName)
    .filter(isMicrosoftApp);
  const permissionSet = sets.some((s) => s.IsOwnedByProfile !== true && s.Name === MICROSOFT_PERMISSION_SET);
  const profile = sets.some((s) => s.IsOwnedByProfile === true && profileName.parse(s.Profile)?.Name === MICROSOFT_PROFILE);
  if (!permissionSet && !profile && users.length === 0 && apps.length === 0) return null;
  return {
    apps,
    users,
    permissionSet: permissionSet ? MICROSOFT_PERMISSION_SET : null,
    profile: profile ? MICROSOFT_PROFILE : null,
    licencesHeld: users.filter((u) => u.active).length,
  };
}

import { expect } from '@playwright/test';
import { z } from 'zod';
import { connectionDetailsSchema } from '../../common';
import type { StartedEmulator } from '../../packages/salesforce-emulator/index';

/** The JSON export as a file: the connection details plus when it was made. */
export const exportedConnectionSchema = connectionDetailsSchema.extend({ generatedAt: z.string() });
export type ExportedConnection = z.infer<typeof exportedConnectionSchema>;

/** What a secret would look like in an export: a Salesforce token, a private key, a consumer secret. */
export function secretsIn(content: string): string[] {
  const patterns: [string, RegExp][] = [
    ['private key', /PRIVATE KEY/],
    ['access token', /00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/],
    ['token field', /"(access_?token|refresh_?token|accessToken|refreshToken)"/i],
    ['consumer secret', /consumerSecret|client_secret/i],
  ];
  return patterns.filter(([, pattern]) => pattern.test(content)).map(([name]) => name);
}

/**
 * The org holds nothing of the connection: no external client app, no permission set of ours (nor its
 * grants), the integration user inactive (Salesforce never deletes users) without assignments or licence.
 */
export function expectOrgClean(emulator: StartedEmulator, connection: Pick<ExportedConnection, 'user' | 'permissionSet' | 'app'>): void {
  const org = emulator.state();
  expect(org.externalClientApps.map((a) => a.fullName)).toEqual([]);
  expect(org.permissionSets.map((p) => p.Name)).not.toContain(connection.permissionSet.apiName);
  expect(org.objectPermissions.filter((p) => p.ParentId === connection.permissionSet.id)).toEqual([]);
  expect(org.fieldPermissions.filter((p) => p.ParentId === connection.permissionSet.id)).toEqual([]);
  expect(org.permissionSetAssignments.filter((a) => a.AssigneeId === connection.user.id)).toEqual([]);
  expect(org.permissionSetLicenseAssigns.filter((a) => a.AssigneeId === connection.user.id)).toEqual([]);
  expect(org.users.find((u) => u.Id === connection.user.id)?.IsActive).toBe(false);
}

/** `Object.Field` names the org's permission set grants Read on, as Salesforce's FieldPermissions say. */
export function fieldsGrantedBy(emulator: StartedEmulator, permissionSetApiName: string): string[] {
  const org = emulator.state();
  const set = org.permissionSets.find((p) => p.Name === permissionSetApiName);
  return org.fieldPermissions.filter((f) => f.ParentId === set?.Id && f.PermissionsRead === true).map((f) => String(f.Field));
}

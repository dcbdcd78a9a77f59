import {
  accessProfileSchema,
  AppFailure,
  appErrorOfZod,
  type AccessProfile,
  type ConnectionState,
  type DescribedField,
  type DescribedObject,
} from '../../common';
import { objectPermissionTypesOf } from '../salesforce/schemas';
import type { AdminSessionSource } from '../auth/session-source';
import { appError } from '../../common/app-error-schema';
import { fieldPermissionFieldsOf, takesFieldPermission } from '../salesforce/permission-picklists';
import { namesMissingInOrg } from './org-names';
import { createOrgClient } from '../salesforce/client';
import type { RetryPolicy } from '../salesforce/retry';

import type { AccessProfileStore } from './profile-store';

export interface AgentServiceDeps {
  /** Only the admin's session is needed (and a nudge after each sign-in). */
  auth: AdminSessionSource;
  profiles: AccessProfileStore;
  retry: RetryPolicy;
  /** Tells the connection the profile changed; answers with the state it leads to (drift, or unchanged). */
  profileChanged(profile: AccessProfile): Promise<ConnectionState>;
}

/** The agent's access profile, and the org's describe for the admin's field picker. */
export function createAgentService(deps: AgentServiceDeps): AgentService {
  const client = async () => createOrgClient((await deps.auth.session()).connection, deps.retry);
  /** Refused before saving, so the saved profile never names what the org lacks (signed out: pre-flight checks at Enable). */
  async function refuseWhatTheOrgLacks(next: AccessProfile): Promise<void> {
    if (deps.auth.status().state !== 'signedIn') return;
    const missing = await namesMissingInOrg(await client(), deps.profiles.get(), next);
    if (missing.length === 0) return;
    throw new AppFailure(
      appError('ACCESS_PROFILE_REFUSED', `This org has no ${missing.join(', ')} that you can see, so the agent cannot be given it.`, {
        action: 'openSettings',
        params: { missing: missing.join(', ') },
      }),
    );
  }
  return {
    accessProfile: () => deps.profiles.get(),
    async updateAccessProfile(profile) {
      // Not only the contract's edge: the CLI and other hosts call the service directly.
      const checked = accessProfileSchema.safeParse(profile);
      if (!checked.success) throw new AppFailure(appErrorOfZod(checked.error));
      await refuseWhatTheOrgLacks(checked.data);
      deps.profiles.set(checked.data);
      return deps.profileChanged(deps.profiles.get());
    },
    async describeObjects(): Promise<DescribedObject[]> {
      const objects = await (await client()).describeGlobal();
      return objects.filter((o) => o.queryable && (o.layoutable ?? true)).map((o) => ({ name: o.name, label: o.label, custom: o.custom }));
    },
    async describeObject(name) {
      const org = await client();
      const [described, objectPermissions, fieldPermissions] = await Promise.all([
        org.describe(name),
        org.describe('ObjectPermissions'),
        org.describe('FieldPermissions'),
      ]);
      const listed = fieldPermissionFieldsOf(fieldPermissions);
      const fields: DescribedField[] = described.fields.map((f) => ({
        name: f.name,
        label: f.label,
        type: f.type,
        custom: f.custom,
        permissionable: takesFieldPermission(listed, described.name, f),
      }));
      return {
        name: described.name,
        label: described.label,
        fields,
        objectPermissions: objectPermissionTypesOf(objectPermissions).has(described.name.toLowerCase()),
      };
    },
  };
}

export interface AgentService {
  accessProfile(): AccessProfile;
  /** Saves the profile and returns the connection state it leads to (drift when grants are missing). */
  updateAccessProfile(profile: AccessProfile): Promise<ConnectionState>;
  describeObjects(): Promise<DescribedObject[]>;
  describeObject(name: string): Promise<{ name: string; label: string; fields: DescribedField[]; objectPermissions: boolean }>;
}

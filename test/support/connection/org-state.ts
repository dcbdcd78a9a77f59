import type { EmulatorState } from '../../../packages/salesforce-emulator/index';
import { isOurUsername, MARKER } from '../../../main/connection/org/names';

/** Everything of ours still alive in the emulated org: an app, a permission set, an active user, an assignment. */
export function ourLeftovers(state: EmulatorState): string[] {
  const ourSets = state.permissionSets.filter((p) => p.Description?.includes(MARKER));
  const ourUsers = state.users.filter((u) => isOurUsername(u.Username));
  return [
    ...state.externalClientApps.map((a) => `app ${typeof a.fullName === 'string' ? a.fullName : '?'}`),
    ...ourSets.map((p) => `permission set ${p.Name}`),
    ...ourUsers.filter((u) => u.IsActive).map((u) => `active user ${u.Username}`),
    ...state.permissionSetAssignments.filter((a) => ourSets.some((p) => p.Id === a.PermissionSetId)).map((a) => `assignment ${a.Id}`),
    ...state.permissionSetLicenseAssigns.filter((a) => ourUsers.some((u) => u.Id === a.AssigneeId)).map((a) => `licence ${a.Id}`),
  ];
}

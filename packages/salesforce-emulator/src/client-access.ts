/**
 * Who may use which sign-in client on authorize (facts UNINSTALLED-APP-ACCESS, API-ACCESS-CONTROL):
 * an uninstalled connected app only for holders of "Approve Uninstalled Connected Apps" or "Use Any
 * API Client"; an External Client App with admin-approved users only for users it pre-authorises;
 * under API Access Control only allowed clients, unless the user holds "Use Any API Client".
 */
import { ecaByConsumerKey, splitList, textOf, type EcaBundle } from './eca';
import type { Org, SignInClient } from './org';
import { hasPerm, principalFor } from './security';
import type { SRecord } from './store';

export interface ClientRefusal {
  error: string;
  description: string;
}

const NOT_APPROVED: ClientRefusal = { error: 'OAUTH_APP_ACCESS_DENIED', description: 'user is not admin approved to access this app' };

function blocked(org: Org): ClientRefusal {
  return org.switches.blockedClientError === 'OAUTH_APP_BLOCKED'
    ? { error: 'OAUTH_APP_BLOCKED', description: 'this app is blocked by admin' }
    : NOT_APPROVED;
}

export function clientRefusal(org: Org, client: SignInClient & { appFullName?: string }, userId: string): ClientRefusal | undefined {
  const principal = principalFor(org, userId);
  if (!principal) return NOT_APPROVED;
  const anyClient = hasPerm(principal, 'PermissionsUseAnyApiClient');
  const eca = client.appFullName ? ecaByConsumerKey(org, client.clientId) : undefined;
  if (eca) {
    const adminApproved = textOf(eca.oauthPolicies?.fields ?? {}, 'permittedUsersPolicyType') === 'AdminApprovedPreAuthorized';
    if (adminApproved && !isPreAuthorized(org, eca, principal.user)) return NOT_APPROVED;
    const allowed = adminApproved && org.switches.apiAccessControlAllowsPreAuthorizedEca;
    return org.switches.apiAccessControl && !allowed && !anyClient ? blocked(org) : undefined;
  }
  if (anyClient) return undefined;
  if (org.switches.apiAccessControl) return blocked(org);
  if (client.installed === false && !hasPerm(principal, 'PermissionsApproveUninstalledConnectedApps')) return blocked(org);
  return undefined;
}

/** Admin-approved pre-authorization: a listed permission set assigned to the user, or the user's profile (fact ECA-PREAUTHORIZE-PERMISSION-SET). */
export function isPreAuthorized(org: Org, eca: EcaBundle, user: SRecord): boolean {
  const f = eca.oauthPolicies?.fields;
  if (!f || textOf(f, 'permittedUsersPolicyType') !== 'AdminApprovedPreAuthorized') return false;
  const listed = splitList(textOf(f, 'commaSeparatedPermissionSet')).map((s) => s.toLowerCase());
  const assigned = org.store
    .where('PermissionSetAssignment', (a) => a.AssigneeId === user.Id)
    .map((a) => org.store.get('PermissionSet', String(a.PermissionSetId)))
    .filter((ps): ps is SRecord => ps !== undefined);
  const by = org.switches.preAuthorizePermissionSetBy;
  const byName = by !== 'id' && assigned.some((ps) => listed.includes(String(ps.Name).toLowerCase()));
  const byId = by !== 'name' && assigned.some((ps) => listed.some((l) => String(ps.Id).toLowerCase().startsWith(l) && l.length >= 15));
  const profiles = splitList(textOf(f, 'commaSeparatedProfile')).map((s) => s.toLowerCase());
  const byProfile = profiles.includes(String(org.profileOf(user)?.Name ?? '').toLowerCase());
  return byName || byId || byProfile;
}

import { isAllowedOrgUrl, NOT_SALESFORCE_HOST, profileHostAllowed, type OrgProfile } from '../../common';
import { fail } from '../../common/app-error-schema';

/**
 * Sign-in, token exchange and API calls go only to Salesforce hosts unless the profile carries the
 * admin's override. Checked where they start, since a settings file may predate the host policy.
 */
export function requireAllowedHost(profile: OrgProfile, instanceUrl?: string): void {
  const allowed = profileHostAllowed(profile) && (instanceUrl === undefined || isAllowedOrgUrl(instanceUrl, profile.allowAnyHost === true));
  if (!allowed)
    fail('PROFILE_INVALID', `The org profile "${profile.name}" points at a host that is not Salesforce's. ${NOT_SALESFORCE_HOST}`, {
      action: 'openSettings',
    });
}

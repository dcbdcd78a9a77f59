import { loginUrlOf, type OrgProfile } from '../../common';
import { fail } from '../../common/app-error-schema';
import { requireAllowedHost } from './host-policy';
import type { StoredSession } from './session-store';

/** Where a session was issued: its refresh token goes back only there, and only while the profile still says so. */
export interface IssuedFor {
  loginUrl: string;
  clientId: string;
  allowAnyHost: boolean;
}

export function issuedForOf(profile: Pick<OrgProfile, 'environment' | 'myDomainUrl' | 'clientId' | 'allowAnyHost'>): IssuedFor {
  return { loginUrl: new URL(loginUrlOf(profile)).origin, clientId: profile.clientId, allowAnyHost: profile.allowAnyHost === true };
}

/** The profile's login origin, client or host override differs from what `issued` was for. */
export function bindingChanged(issued: IssuedFor, profile: Parameters<typeof issuedForOf>[0]): boolean {
  const now = issuedForOf(profile);
  return now.loginUrl !== issued.loginUrl || now.clientId !== issued.clientId || now.allowAnyHost !== issued.allowAnyHost;
}

/**
 * A stored session is used (connect, refresh) only for the profile it was issued for, and only on
 * hosts the policy allows now: a settings file edited to point elsewhere never gets the refresh token.
 * A session stored before sessions recorded this fits no profile: sign in again.
 */
export function requireSessionFits(
  profile: OrgProfile,
  stored: Pick<StoredSession, 'issuedFor'> & { identity: Pick<StoredSession['identity'], 'instanceUrl'> },
): IssuedFor {
  const issued = stored.issuedFor;
  if (!issued || bindingChanged(issued, profile))
    fail(
      'SESSION_EXPIRED',
      `The org profile "${profile.name}" changed since you signed in (its address, sign-in client or "allow any host"), so its Salesforce session was ended. Sign in again.`,
      { action: 'signIn' },
    );
  // The login origin is the profile's (it fits), so this checks both where refresh and the API calls go.
  requireAllowedHost(profile, stored.identity.instanceUrl);
  return issued;
}

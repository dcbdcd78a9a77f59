/**
 * Fact AGENT-SIGN-IN-REASONS: refusals the user's own login state and profile make at the token
 * endpoint, after the app's checks: frozen and locked users (UserLogin), and the profile's login IP ranges.
 */
import { textOf, type EcaBundle } from './eca';
import { oauthError, type EmuResponse } from './http';
import type { Org } from './org';
import { str, type SRecord } from './store';

/** Every request reaches the emulator from this machine: the caller's address as Salesforce would see it. */
export const CALLER_IP = '127.0.0.1';

const ipNumber = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

export function inRange(ip: string, range: { start: string; end: string }): boolean {
  const n = ipNumber(ip);
  return n >= ipNumber(range.start) && n <= ipNumber(range.end);
}

/** "Relax IP restrictions" on the app's OAuth policies lets its users past the profile's ranges. */
function relaxesIp(eca: EcaBundle): boolean {
  const policy = eca.oauthPolicies?.fields ? textOf(eca.oauthPolicies.fields, 'ipRelaxationPolicyType') : undefined;
  return policy !== undefined && policy !== 'Enforce';
}

export function loginRefusal(org: Org, user: SRecord, eca: EcaBundle): EmuResponse | undefined {
  const login = org.store.all('UserLogin').find((l) => l.UserId === user.Id);
  if (login?.IsFrozen === true)
    return oauthError(
      400,
      'invalid_grant',
      org.switches.frozenUserGrantAnswer === 'inactiveUser' ? 'inactive user' : 'authentication failure',
    );
  if (login?.IsPasswordLocked === true && org.switches.lockedUserGrant === 'refused')
    return oauthError(400, 'invalid_grant', 'authentication failure');
  const ranges = org.loginIpRanges.get(str(user.ProfileId) ?? '') ?? [];
  if (ranges.length > 0 && !relaxesIp(eca) && !ranges.some((r) => inRange(CALLER_IP, r)))
    return oauthError(400, 'invalid_grant', 'ip restricted');
  return undefined;
}

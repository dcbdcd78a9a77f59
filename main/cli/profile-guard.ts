import type { OrgProfile } from '../../common';
import { fail } from '../../common/app-error';
import type { CliApp } from './cli-app';
import { UsageError, type CliCommand } from './command';

/** `--org-profile NAME`, matched as the Settings screen shows names (case-insensitive). */
export function namedProfile(cli: CliApp, name: string): OrgProfile {
  const found = cli.app.settings.get().orgProfiles.find((p) => p.name.toLowerCase() === name.toLowerCase());
  return found ?? unknownProfile(name);
}

function unknownProfile(name: string): never {
  throw new UsageError(`There is no org profile named "${name}"; \`profiles\` lists them.`, false);
}

/**
 * Refuses a command whose session is not the named profile's, or is in another org than the one
 * the profile signed in to: a typo or a stale session must never act in the wrong org.
 */
export function guardProfile(cli: CliApp, mode: NonNullable<CliCommand['profile']>, name: string | undefined): void {
  if (mode === 'chooses') return;
  const named = name === undefined ? undefined : namedProfile(cli, name);
  if (mode === 'name') return;
  const status = cli.app.auth.status();
  // Nothing signed in: the commands that need a session say so themselves.
  if ((status.state !== 'signedIn' && status.state !== 'expired') || !status.identity) return;
  const { identity } = status;
  const sessionProfile = cli.app.settings.profile(status.profileId);
  const target = named ?? sessionProfile;
  if (!target) return;
  const orgOfTarget = target.orgId ?? (target.id === sessionProfile?.id ? identity.orgId : undefined);
  if (orgOfTarget === identity.orgId) return;
  const profileOrg = target.orgId ? ` (${target.orgId})` : '';
  // The profile's own session in a new org: kept on purpose by login --accept-new-org (a sandbox refresh).
  const next =
    target.id === sessionProfile?.id
      ? 'run org-change to adopt or remove what was carried over (a sandbox refresh?), or login again'
      : `run login --org-profile "${target.name}" first`;
  fail(
    'ORG_MISMATCH',
    `You are signed in to ${identity.orgName} (${identity.orgId}), which is not the org of the profile "${target.name}"${profileOrg}. Nothing was done; ${next}.`,
    { action: 'signIn', params: { signedIn: identity.orgId, profile: target.name } },
  );
}

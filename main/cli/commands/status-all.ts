import type { OrgOverview } from '../../../common';
import type { OrgStatusLine } from '../../../common/cli-json';
import type { CommandContext } from '../command';

function whyNotChecked(org: OrgOverview): OrgStatusLine['error'] {
  if (org.notChecked === 'signIn')
    return { code: 'NOT_SIGNED_IN', message: `Not checked: sign in to ${org.profile} (login --org-profile "${org.profile}").` };
  return org.error && { code: org.error.code, message: org.error.message, ...(org.error.action && { action: org.error.action }) };
}

export function statusLine(org: OrgOverview): OrgStatusLine {
  const error = whyNotChecked(org);
  return {
    profile: org.profile,
    orgId: org.orgId,
    environment: org.environment,
    status: org.status,
    lastCheckedAt: org.lastCheckedAt,
    ...(org.certificateExpiresAt && { certificateExpiresAt: org.certificateExpiresAt }),
    ...(error && { error }),
  };
}

function humanLine(line: OrgStatusLine): string {
  const env = line.environment === 'production' ? 'PRODUCTION' : line.environment;
  const checked = line.lastCheckedAt ? `checked ${line.lastCheckedAt}` : 'never checked';
  const cert = line.certificateExpiresAt ? `, certificate until ${line.certificateExpiresAt.slice(0, 10)}` : '';
  const problem = line.error ? `\n    ${line.error.message}` : '';
  return `${line.profile} (${env}, ${line.orgId ?? 'org not known yet'}): ${line.status}, ${checked}${cert}${problem}`;
}

/**
 * `status --all`: every org profile checked with its own session, a few at a time. The exit code
 * is 1 when any org is not connected or could not be checked, so scripts can alert on it.
 */
export async function statusAll(context: CommandContext): Promise<number> {
  const { app } = await context.start({ launchBrowser: false });
  const lines = (await app.health.checkAll()).orgs.map(statusLine);
  context.result({ orgs: lines });
  if (lines.length === 0) context.io.out('There are no org profiles yet; login --login-url URL adds one.');
  else for (const line of lines) context.io.out(humanLine(line));
  return lines.every((l) => l.status === 'connected' && !l.error) ? 0 : 1;
}

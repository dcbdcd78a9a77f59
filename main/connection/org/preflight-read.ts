import type { PreflightReport } from '../../../common';
import type { DesiredAccess } from '../../agent/grants';
import type { OrgClient } from '../../salesforce/client';
import type { OrgSnapshot } from './discovery';
import type { ArtifactNames } from './names';
import { preflightChecks, preflightReport } from './preflight';
import { readUserValidationRules, userFieldInputs } from './user-fields';

/**
 * The pre-flight the admin sees (the card and the review of Turn on): discovery's checks, the
 * validation rules on User read once through the Tooling API (fact USER-VALIDATION-RULES), the User
 * fields to fill in, and Microsoft's connection where the org has one. Reads only.
 */
export async function readPreflight(ctx: {
  client: Pick<OrgClient, 'toolingQuery'>;
  snapshot: OrgSnapshot;
  desired: DesiredAccess;
  names: ArtifactNames;
}): Promise<PreflightReport> {
  const rules = await readUserValidationRules(ctx.client);
  const checks = preflightChecks(ctx.snapshot, ctx.desired, ctx.names, { rules });
  const userFields = userFieldInputs(ctx.snapshot.userFields, rules === 'unreadable' ? [] : rules);
  return {
    ...preflightReport(checks),
    userDefaults: ctx.snapshot.userDefaults,
    ...(userFields.length > 0 && { userFields }),
    ...(ctx.snapshot.coexisting && { coexisting: ctx.snapshot.coexisting }),
  };
}

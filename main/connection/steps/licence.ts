import { fail } from '../../../common/app-error-schema';
import { linkRowStep, userId } from './link-row';
import type { StepContext } from './step';

function pslId(ctx: StepContext): string {
  return (
    ctx.snapshot.apiPsl?.id ??
    fail(
      'NO_API_INTEGRATION_PSL',
      'This org has no "Salesforce API Integration" permission set licence, which the integration user needs.',
      { action: 'retry' },
    )
  );
}

/** The Salesforce API Integration permission set licence: must be assigned before the permission set. */
export const licenceStep = linkRowStep({
  id: 'licence',
  removalId: 'removeLicence',
  object: 'PermissionSetLicenseAssign',
  fields: (ctx) => ({ AssigneeId: userId(ctx), PermissionSetLicenseId: pslId(ctx) }),
  intent: (ctx) => ({ assignee: ctx.artifacts.integrationUser?.username ?? '', licence: 'SalesforceAPIIntegrationPsl' }),
  // A user created by this run has no licence yet.
  mayExist: (ctx) => ctx.artifacts.integrationUser?.created !== true,
  removalText: () => 'Remove the Salesforce API Integration licence from the integration user.',
});

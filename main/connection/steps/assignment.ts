import { fail } from '../../../common/app-error-schema';
import { linkRowStep, userId } from './link-row';
import type { StepContext } from './step';

function permissionSetId(ctx: StepContext): string {
  return ctx.artifacts.permissionSet?.id ?? fail('STEP_FAILED', 'The permission set is missing.', { action: 'retry' });
}

/** Gives the integration user the agent's permission set. */
export const assignmentStep = linkRowStep({
  id: 'assignment',
  removalId: 'removeAssignment',
  object: 'PermissionSetAssignment',
  fields: (ctx) => ({ AssigneeId: userId(ctx), PermissionSetId: permissionSetId(ctx) }),
  intent: (ctx) => ({ assignee: ctx.artifacts.integrationUser?.username ?? '', permissionSet: ctx.names.permissionSetApiName }),
  // Nothing can be assigned yet when either side is new in this run.
  mayExist: (ctx) => ctx.artifacts.integrationUser?.created !== true && ctx.artifacts.permissionSet?.adopted === true,
  removalText: (ctx) => `Unassign the permission set "${ctx.names.permissionSetLabel}" from the integration user.`,
  removalName: (ctx) => ctx.names.permissionSetLabel,
});

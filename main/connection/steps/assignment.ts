import { fail } from '../../../common/app-error-schema';
import { findId, userId } from './licence';
import { idOf } from './permission-set';
import type { Step, StepContext } from './step';

function permissionSetId(ctx: StepContext): string {
  return ctx.artifacts.permissionSet?.id ?? fail('STEP_FAILED', 'The permission set is missing.', { action: 'retry' });
}

/** Gives the integration user the agent's permission set. */
export const assignmentStep: Step<'assignment'> = {
  id: 'assignment',
  removalId: 'removeAssignment',
  intent: (ctx) => ({ assignee: ctx.artifacts.integrationUser?.username ?? '', permissionSet: ctx.names.permissionSetApiName }),
  async find(ctx) {
    // Nothing can be assigned yet when either side is new in this run.
    if (ctx.artifacts.integrationUser?.created === true || ctx.artifacts.permissionSet?.adopted !== true) return null;
    const id = await findId(ctx, 'PermissionSetAssignment', { AssigneeId: userId(ctx), PermissionSetId: permissionSetId(ctx) });
    return id ? { id } : null;
  },
  compose(ctx) {
    return {
      requests: [
        {
          referenceId: 'assignment',
          method: 'POST',
          url: '/sobjects/PermissionSetAssignment',
          body: { AssigneeId: userId(ctx), PermissionSetId: permissionSetId(ctx) },
        },
      ],
      provisional: { id: '@{assignment.id}' },
      accept: (bodies) => ({ id: idOf(bodies.get('assignment')) }),
    };
  },
  async apply(ctx) {
    return { id: await ctx.client.create('PermissionSetAssignment', { AssigneeId: userId(ctx), PermissionSetId: permissionSetId(ctx) }) };
  },
  async undo(ctx, result) {
    if (typeof result.id === 'string') await ctx.client.destroy('PermissionSetAssignment', result.id);
  },
  undoRequests: (result) =>
    typeof result.id === 'string'
      ? [{ referenceId: 'removeAssignment', method: 'DELETE', url: `/sobjects/PermissionSetAssignment/${result.id}` }]
      : [],
  removalText: (ctx) => `Unassign the permission set "${ctx.names.permissionSetLabel}" from the integration user.`,
  removalName: (ctx) => ctx.names.permissionSetLabel,
};

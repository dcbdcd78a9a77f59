import { z } from 'zod';
import { fail } from '../../../common/app-error-schema';
import { queryRows, queryUrl, soqlQuote } from '../../salesforce/client';
import { idOf } from './permission-set';
import type { Step, StepContext } from './step';

const idRow = z.object({ Id: z.string() });

/** Looks up one record by exact field values; a single request, used only where something may exist. */
export async function findId(ctx: StepContext, object: string, where: Record<string, string>): Promise<string | null> {
  const clauses = Object.entries(where)
    .map(([field, value]) => `${field} = ${soqlQuote(value)}`)
    .join(' AND ');
  const results = await ctx.client.composite([
    { referenceId: 'find', method: 'GET', url: queryUrl(`SELECT Id FROM ${object} WHERE ${clauses} LIMIT 1`) },
  ]);
  const rows = queryRows(results.get('find'));
  return rows.length > 0 ? idRow.parse(rows[0]).Id : null;
}

export function userId(ctx: StepContext): string {
  return ctx.artifacts.integrationUser?.id ?? fail('STEP_FAILED', 'The integration user is missing.', { action: 'retry' });
}

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
export const licenceStep: Step<'licence'> = {
  id: 'licence',
  removalId: 'removeLicence',
  intent: (ctx) => ({ assignee: ctx.artifacts.integrationUser?.username ?? '', licence: 'SalesforceAPIIntegrationPsl' }),
  async find(ctx) {
    // A user created by this run has no licence yet.
    if (ctx.artifacts.integrationUser?.created === true) return null;
    const id = await findId(ctx, 'PermissionSetLicenseAssign', { AssigneeId: userId(ctx), PermissionSetLicenseId: pslId(ctx) });
    return id ? { id } : null;
  },
  compose(ctx) {
    return {
      requests: [
        {
          referenceId: 'licence',
          method: 'POST',
          url: '/sobjects/PermissionSetLicenseAssign',
          body: { AssigneeId: userId(ctx), PermissionSetLicenseId: pslId(ctx) },
        },
      ],
      provisional: { id: '@{licence.id}' },
      accept: (bodies) => ({ id: idOf(bodies.get('licence')) }),
    };
  },
  async apply(ctx) {
    return { id: await ctx.client.create('PermissionSetLicenseAssign', { AssigneeId: userId(ctx), PermissionSetLicenseId: pslId(ctx) }) };
  },
  async undo(ctx, result) {
    if (typeof result.id === 'string') await ctx.client.destroy('PermissionSetLicenseAssign', result.id);
  },
  undoRequests: (result) =>
    typeof result.id === 'string'
      ? [{ referenceId: 'removeLicence', method: 'DELETE', url: `/sobjects/PermissionSetLicenseAssign/${result.id}` }]
      : [],
  removalText: () => 'Remove the Salesforce API Integration licence from the integration user.',
};

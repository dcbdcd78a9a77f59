import { z } from 'zod';
import type { RemovalStepId } from '../../../common';
import { fail } from '../../../common/app-error-schema';
import { queryRows, queryUrl, soqlQuote } from '../../salesforce/client';
import { idOf } from './permission-set';
import type { StepResult } from './results';
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

type LinkStepId = 'licence' | 'assignment';

/** A row that links the integration user to something else: a licence, a permission set. */
export interface LinkRow<K extends LinkStepId> {
  id: K;
  removalId: RemovalStepId;
  /** The link's sObject, e.g. PermissionSetAssignment. */
  object: string;
  /** The row's fields: the user, and what it is linked to. */
  fields(ctx: StepContext): Record<string, string>;
  intent(ctx: StepContext): StepResult<K>;
  /** Whether the row can exist already (not when a side of it is new in this run). */
  mayExist(ctx: StepContext): boolean;
  removalText(ctx: Pick<StepContext, 'names'>): string;
  removalName?(ctx: Pick<StepContext, 'names'>): string;
}

/** The step that creates one link row: found by its fields, created in the setup Composite, deleted on undo. */
export function linkRowStep<K extends LinkStepId>(row: LinkRow<K>): Step<K> {
  const { id, removalId, object } = row;
  const created = (rowId: string) => ({ id: rowId }) as StepResult<K>;
  return {
    id,
    removalId,
    intent: (ctx) => row.intent(ctx),
    async find(ctx) {
      if (!row.mayExist(ctx)) return null;
      const found = await findId(ctx, object, row.fields(ctx));
      return found ? created(found) : null;
    },
    compose(ctx) {
      return {
        requests: [{ referenceId: id, method: 'POST', url: `/sobjects/${object}`, body: row.fields(ctx) }],
        provisional: created(`@{${id}.id}`),
        accept: (bodies) => created(idOf(bodies.get(id))),
      };
    },
    async apply(ctx) {
      return created(await ctx.client.create(object, row.fields(ctx)));
    },
    async undo(ctx, result) {
      if (typeof result.id === 'string') await ctx.client.destroy(object, result.id);
    },
    undoRequests: (result) =>
      typeof result.id === 'string' ? [{ referenceId: removalId, method: 'DELETE', url: `/sobjects/${object}/${result.id}` }] : [],
    removalText: (ctx) => row.removalText(ctx),
    ...(row.removalName && { removalName: (ctx: Pick<StepContext, 'names'>) => row.removalName?.(ctx) ?? '' }),
  };
}

import { z } from 'zod';
import type { Grant, VisibilityReport, VisibilitySample } from '../../../common';
import { fail } from '../../../common/app-error-schema';
import { asAgent } from '../../agent/agent-session';
import { queryRows, queryUrl, soqlQuote, type CompositeSubrequest, type OrgClient, type SubResult } from '../../salesforce/client';
import { sobjectDescribeSchema } from '../../salesforce/schemas';
import type { ConnectionCore } from '../run/core';
import type { ConnectionRecord } from '../record/record-store';
import type { StepContext } from '../steps/step';
import { agentTokens } from '../steps/verification';
import { objectVisibility, type ObjectFacts } from './visibility-reasons';
import { sharingFacts, sharingRequests } from '../org/sharing';

/** The objects of the agent's access, each with the fields granted on it. */
function grantedFields(grants: readonly Grant[]): Map<string, { fields: string[]; throughParents: boolean }> {
  const byObject = new Map<string, { fields: string[]; throughParents: boolean }>();
  for (const g of grants) {
    const entry = byObject.get(g.object) ?? { fields: [], throughParents: false };
    if (g.field !== null && !entry.fields.includes(g.field)) entry.fields.push(g.field);
    if (g.throughParentRecords === true) entry.throughParents = true;
    byObject.set(g.object, entry);
  }
  return byObject;
}

const count = (result: SubResult | undefined): number | null => {
  if (!result?.ok) return null;
  return z.object({ totalSize: z.number() }).parse(result.body).totalSize;
};
const countRequest = (ref: string, object: string): CompositeSubrequest => ({
  referenceId: ref,
  method: 'GET',
  url: queryUrl(`SELECT COUNT() FROM ${object}`),
});
const rows = (result: SubResult | undefined): Record<string, unknown>[] => (result?.ok ? queryRows(result) : []);
const assignedTo = (userId: string) => `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlQuote(userId)}`;

/**
 * As the admin: the counts and the org-wide defaults (org/sharing.ts, as the Enable review reads them)
 * and which View All the integration user holds, in one Composite.
 */
async function readAsAdmin(client: OrgClient, objects: string[], userId: string) {
  const requests: CompositeSubrequest[] = [
    ...sharingRequests(objects),
    {
      referenceId: 'viewAllData',
      method: 'GET',
      url: queryUrl(`SELECT Id FROM PermissionSet WHERE PermissionsViewAllData = true AND Id IN (${assignedTo(userId)})`),
    },
    {
      referenceId: 'viewAll',
      method: 'GET',
      url: queryUrl(
        `SELECT SobjectType FROM ObjectPermissions WHERE PermissionsViewAllRecords = true AND ParentId IN (${assignedTo(userId)})`,
      ),
    },
  ];
  const results = await client.composite(requests);
  return {
    ...sharingFacts(results, objects),
    viewAllData: rows(results.get('viewAllData')).length > 0,
    viewAll: new Set(rows(results.get('viewAll')).map((r) => String(r.SobjectType))),
  };
}

/** As the agent, with its own token: the counts and its describes (field-level security as the agent). */
async function readAsAgent(ctx: StepContext, objects: string[]) {
  const requests = objects.flatMap((o, i): CompositeSubrequest[] => [
    countRequest(`count${i}`, o),
    { referenceId: `describe${i}`, method: 'GET', url: `/sobjects/${o}/describe` },
  ]);
  const results = await asAgent(agentTokens(ctx), ctx.retry, (agent) => agent.composite(requests));
  return objects.map((_, i) => {
    const described = results.get(`describe${i}`);
    const fields = described?.ok
      ? new Set(sobjectDescribeSchema.parse(described.body).fields.map((f) => f.name.toLowerCase()))
      : new Set<string>();
    return { count: count(results.get(`count${i}`)), fields };
  });
}

export function createVisibility(core: ConnectionCore) {
  async function agentContext(): Promise<{ ctx: StepContext; record: ConnectionRecord }> {
    const { record } = core.requireRecord();
    const admin = await core.session();
    return { ctx: await core.contexts.context(admin, record.agentName, record.artifacts, null, null), record };
  }

  return {
    async visibility(): Promise<VisibilityReport> {
      const { ctx, record } = await agentContext();
      const granted = grantedFields(record.grants);
      const objects = [...granted.keys()];
      const [admin, agent] = await Promise.all([
        readAsAdmin(ctx.client, objects, record.artifacts.integrationUser?.id ?? ''),
        readAsAgent(ctx, objects),
      ]);
      const facts = objects.map((object, i): ObjectFacts => {
        const fields = granted.get(object)?.fields ?? [];
        const seen = agent[i]?.fields ?? new Set<string>();
        return {
          object,
          agentCount: agent[i]?.count ?? null,
          adminCount: admin.counts[i] ?? null,
          sharingModel: admin.models.get(object) ?? null,
          viewAllData: admin.viewAllData,
          viewAllRecords: admin.viewAll.has(object),
          throughParents: granted.get(object)?.throughParents ?? false,
          readable: fields.filter((f) => seen.has(f.toLowerCase())),
          unreadable: fields.filter((f) => !seen.has(f.toLowerCase())),
        };
      });
      return { checkedAt: core.deps.now().toISOString(), objects: facts.map(objectVisibility) };
    },

    /** Read as the agent with only the fields it can read; the records go to the screen and nowhere else. */
    async sample(object: string): Promise<VisibilitySample> {
      const { ctx, record } = await agentContext();
      const entry = [...grantedFields(record.grants)].find(([name]) => name.toLowerCase() === object.toLowerCase());
      if (!entry) return fail('INVALID_INPUT', `${object} is not in the agent's access.`);
      const [name, { fields }] = entry;
      const { readable, found } = await asAgent(agentTokens(ctx), ctx.retry, async (agent) => {
        const described = new Set((await agent.describe(name)).fields.map((f) => f.name.toLowerCase()));
        const names = ['Id', ...fields.filter((f) => described.has(f.toLowerCase()))];
        return { readable: names, found: await agent.query(`SELECT ${names.join(', ')} FROM ${name} LIMIT 3`) };
      });
      const value = (v: unknown) =>
        v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
      return {
        object: name,
        fields: readable,
        records: found.slice(0, 3).map((r) => Object.fromEntries(readable.map((f) => [f, value(r[f] ?? null)]))),
      };
    },
  };
}

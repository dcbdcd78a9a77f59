import { destroyFound } from '../../salesforce/client';
import { fail } from '../../../common/app-error-schema';
import { isOurs, ownerOf } from '../org/names';
import type { Step } from './step';

/** The agent's permission set: no licence (integration users can't take a Salesforce-licensed set). */
export const permissionSetStep: Step<'permissionSet'> = {
  id: 'permissionSet',
  removalId: 'removePermissionSet',
  intent: (ctx) => ({ name: ctx.names.permissionSetApiName, label: ctx.names.permissionSetLabel }),
  find(ctx) {
    const found = ctx.snapshot.permissionSet;
    if (!found) return Promise.resolve(null);
    if (!isOurs(found.description)) {
      fail(
        'NAME_TAKEN',
        `A permission set named "${found.name}" already exists and was not created by Agent Connections. Rename it, or choose another agent name in Settings.`,
        {
          action: 'openSettings',
          params: { name: found.name, kind: 'permission set' },
        },
      );
    }
    ctx.note('permissionSet', 'reusedPermissionSet');
    const owner = ownerOf(ctx.names.description);
    const theirs = ownerOf(found.description);
    // Taken over, or made before owners were recorded: its description is rewritten to name this connection.
    if (owner && (theirs?.installId !== owner.installId || theirs.connectionId !== owner.connectionId)) {
      ctx.run.redescribePermissionSet = found.id;
      return Promise.resolve(null);
    }
    return Promise.resolve({ id: found.id, name: found.name, adopted: true });
  },
  compose(ctx) {
    const adopted = ctx.run.redescribePermissionSet;
    if (adopted) {
      return {
        requests: [
          {
            referenceId: 'permissionSet',
            method: 'PATCH',
            url: `/sobjects/PermissionSet/${adopted}`,
            body: { Description: ctx.names.description },
          },
        ],
        provisional: { id: adopted, name: ctx.names.permissionSetApiName },
        accept: () => ({ id: adopted, name: ctx.names.permissionSetApiName, adopted: true }),
      };
    }
    return {
      requests: [{ referenceId: 'permissionSet', method: 'POST', url: '/sobjects/PermissionSet', body: record(ctx.names) }],
      provisional: { id: '@{permissionSet.id}', name: ctx.names.permissionSetApiName },
      accept: (bodies) => ({ id: idOf(bodies.get('permissionSet')), name: ctx.names.permissionSetApiName, adopted: false }),
    };
  },
  async apply(ctx) {
    const adopted = ctx.run.redescribePermissionSet;
    if (adopted) {
      await ctx.client.update('PermissionSet', adopted, { Description: ctx.names.description });
      return { id: adopted, name: ctx.names.permissionSetApiName, adopted: true };
    }
    const id = await ctx.client.create('PermissionSet', record(ctx.names));
    return { id, name: ctx.names.permissionSetApiName, adopted: false };
  },
  async undo(ctx, result) {
    const id = typeof result.id === 'string' ? result.id : undefined;
    if (!id || !/^[A-Za-z0-9]{15,18}$/.test(id)) return;
    // Salesforce refuses to delete an assigned permission set. Assignments the journal never heard of
    // (made by a request the app did not live to see answered) are ours too: it is our permission set.
    await destroyFound(ctx.client, 'PermissionSetAssignment', `PermissionSetId = '${id}'`);
    await ctx.client.destroy('PermissionSet', id);
  },
  undoRequests: (result) =>
    typeof result.id === 'string'
      ? [{ referenceId: 'removePermissionSet', method: 'DELETE', url: `/sobjects/PermissionSet/${result.id}` }]
      : [],
  removalText: (ctx, result) =>
    `Delete the permission set "${ctx.names.permissionSetLabel}" (${String(result.name ?? ctx.names.permissionSetApiName)}).`,
  removalName: (ctx) => ctx.names.permissionSetLabel,
};

function record(names: { permissionSetApiName: string; permissionSetLabel: string; description: string }) {
  return {
    Name: names.permissionSetApiName,
    Label: names.permissionSetLabel,
    Description: names.description,
    LicenseId: null,
    HasActivationRequired: false,
  };
}

export function idOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string') return (body as { id: string }).id;
  throw new Error('Salesforce answered a create without an id.');
}

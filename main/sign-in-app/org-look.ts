import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CALLBACK_PORT,
  SIGN_IN_APP_LABEL,
  SIGN_IN_PERMISSION_SET_API_NAME as PERMISSION_SET,
  SIGN_IN_PERMISSION_SET_LABEL,
  type SignInAppPlan,
} from '../../common';
import { fail } from '../../common/app-error-schema';
import { isOurs } from '../connection/org/names';
import { ECA } from '../connection/steps/external-client-app';
import { metadataText } from '../salesforce/metadata';
import { soqlQuote, type OrgClient } from '../salesforce/org-client';
import { callbackUrl, names } from './components';

/** What of the sign-in app the org holds now: the app (ours or not), the permission set and its holders. */
export interface SignInAppLook {
  app: { ours: boolean; consumerKey?: string } | null;
  permissionSet: { id: string; ours: boolean; holders: { assignmentId: string; username: string }[] } | null;
}

export async function lookInOrg(client: OrgClient): Promise<SignInAppLook> {
  const [header] = await client.metadata.read(ECA.header, [names.app]);
  const [global] = header ? await client.metadata.read(ECA.global, [names.global]) : [];
  const consumerKey = global ? metadataText(global, 'consumerKey') : undefined;
  const app = header ? { ours: isOurs(metadataText(header, 'description')), ...(consumerKey && { consumerKey }) } : null;
  const [ps] = await client.query(`SELECT Id, Description FROM PermissionSet WHERE Name = ${soqlQuote(PERMISSION_SET)}`);
  if (!ps) return { app, permissionSet: null };
  const id = String(ps.Id);
  const rows = await client.query(`SELECT Id, AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = ${soqlQuote(id)}`);
  const ids = rows.map((r) => soqlQuote(String(r.AssigneeId)));
  const users = ids.length > 0 ? await client.query(`SELECT Id, Username FROM User WHERE Id IN (${ids.join(', ')})`) : [];
  const username = new Map(users.map((u) => [String(u.Id), String(u.Username)]));
  const holders = rows.map((r) => ({ assignmentId: String(r.Id), username: username.get(String(r.AssigneeId)) ?? String(r.AssigneeId) }));
  return { app, permissionSet: { id, ours: isOurs(ps.Description), holders } };
}

function refuseOthers(look: SignInAppLook): void {
  const taken =
    look.app && !look.app.ours
      ? `external client app ${names.app}`
      : look.permissionSet && !look.permissionSet.ours
        ? `permission set ${PERMISSION_SET}`
        : null;
  if (taken)
    fail(
      'NAME_TAKEN',
      `The ${taken} already exists and was not created by Agent Connections. Rename or delete it in Setup, then try again.`,
      {
        action: 'retry',
        params: { name: taken, kind: 'sign-in app' },
      },
    );
}

export function createPlan(orgId: string, look: SignInAppLook, port: number, assignTo: string[]): SignInAppPlan {
  refuseOthers(look);
  const has = new Set(look.permissionSet?.holders.map((h) => h.username.toLowerCase()));
  const toAssign = assignTo.filter((u) => !has.has(u.toLowerCase()));
  const summary = [
    look.permissionSet
      ? `Keep the permission set "${SIGN_IN_PERMISSION_SET_LABEL}" (${PERMISSION_SET}) made earlier.`
      : `Create the permission set "${SIGN_IN_PERMISSION_SET_LABEL}" (${PERMISSION_SET}); it grants nothing but the right to sign in with the app.`,
    toAssign.length > 0
      ? `Assign it to: ${toAssign.join(', ')}.`
      : 'Assign it to nobody new (assign it in Setup to the admins who use the app).',
    `${look.app ? 'Replace' : 'Create'} the External Client App "${SIGN_IN_APP_LABEL}" (${names.app}): web server flow with PKCE, callback ${callbackUrl(port)}, scopes api refresh_token web; no consumer secret, no JWT certificate, no client credentials.`,
    `Pre-authorise only holders of ${PERMISSION_SET} (admin-approved users), which also allows the app where the org uses API Access Control.`,
    'This org profile then signs in with the new app: you sign in again once it is made.',
  ];
  return { id: randomUUID(), kind: 'create', orgId, callbackPort: port, assignTo: toAssign, summary };
}

export function removalPlan(orgId: string, look: SignInAppLook, port: number | undefined): SignInAppPlan {
  refuseOthers(look);
  const holders = look.permissionSet?.holders ?? [];
  const summary = [
    look.app
      ? `Delete the External Client App "${SIGN_IN_APP_LABEL}" (${names.app}); nobody can sign in with it any more.`
      : `The External Client App ${names.app} is already gone.`,
    look.permissionSet
      ? `Delete the permission set ${PERMISSION_SET}${holders.length > 0 ? ` and its ${holders.length} assignment(s): ${holders.map((h) => h.username).join(', ')}` : ''}.`
      : `The permission set ${PERMISSION_SET} is already gone.`,
    `This org profile signs in with the default client again (port ${DEFAULT_CALLBACK_PORT}); the agent's connection is not touched.`,
  ];
  return { id: randomUUID(), kind: 'remove', orgId, callbackPort: port ?? DEFAULT_CALLBACK_PORT, assignTo: [], summary };
}

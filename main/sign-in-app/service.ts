import {
  SIGN_IN_PERMISSION_SET_API_NAME as PERMISSION_SET,
  SIGN_IN_PERMISSION_SET_LABEL,
  signInAppPlanInputSchema,
  type OrgProfile,
  type SignInApp,
  type SignInAppPlan,
  type SignInAppPlanInput,
} from '../../common';
import { fail } from '../../common/app-error-schema';
import type { AdminSession, AdminSessionSource } from '../auth/session-source';
import { ECA } from '../connection/steps/external-client-app';
import { createOrgClient } from '../salesforce/client';
import { SalesforceError } from '../salesforce/errors';
import { metadataText } from '../salesforce/metadata';
import { soqlQuote, type OrgClient } from '../salesforce/org-client';
import { defaultRetryPolicy } from '../salesforce/retry';
import type { SettingsRepository } from '../store/settings-repository';
import type { AuditLog } from '../store/audit-log';
import { appComponents, configurablePolicies, names, oauthPolicies, policyNames, SIGN_IN_DESCRIPTION } from './components';
import { createPlan, lookInOrg, removalPlan, type SignInAppLook } from './org-look';

export interface SignInAppDeps {
  auth: Pick<AdminSessionSource, 'session'> & { signOut(): Promise<unknown> };
  settings: SettingsRepository;
  audit: AuditLog;
  now?: () => Date;
}

export interface SignInAppService {
  /** The sign-in app the active profile signs in with, or null (the default client). */
  show(): { profile: OrgProfile; app: SignInApp | null };
  plan(input: SignInAppPlanInput): Promise<SignInAppPlan>;
  /** Makes what the confirmed plan showed; the profile then signs in with the app. */
  create(planId: string): Promise<SignInApp>;
  /** Deletes the app and its permission set; the profile goes back to the default client. */
  remove(planId: string): Promise<OrgProfile>;
}

const ORDER_OUT = [ECA.oauthPolicies, ECA.configurable, ECA.global, ECA.oauth, ECA.header] as const;

async function policiesListed(client: OrgClient): Promise<Record<typeof ECA.configurable | typeof ECA.oauthPolicies, string[]>> {
  const listed = await client.metadata.list([ECA.configurable, ECA.oauthPolicies]);
  const ours = (type: typeof ECA.configurable | typeof ECA.oauthPolicies) => {
    const known = new Set(policyNames[type].map((n) => n.toLowerCase()));
    return listed.filter((c) => c.type === type && known.has(c.fullName.toLowerCase())).map((c) => c.fullName);
  };
  return { [ECA.configurable]: ours(ECA.configurable), [ECA.oauthPolicies]: ours(ECA.oauthPolicies) };
}

async function deleteApp(client: OrgClient): Promise<void> {
  const policies = await policiesListed(client);
  const byType: Record<string, string[]> = {
    ...policies,
    [ECA.global]: [names.global],
    [ECA.oauth]: [names.oauth],
    [ECA.header]: [names.app],
  };
  for (const type of ORDER_OUT) {
    const fullNames = byType[type] ?? [];
    if (fullNames.length > 0) await client.metadata.delete(type, fullNames);
  }
}

async function buildApp(client: OrgClient, port: number, contactEmail: string): Promise<string> {
  for (const [type, record] of appComponents(port, contactEmail)) await client.metadata.create(type, [record]);
  const found = await policiesListed(client);
  await client.metadata.upsert(ECA.configurable, [configurablePolicies(found[ECA.configurable][0] ?? names.configurable)]);
  await client.metadata.upsert(ECA.oauthPolicies, [oauthPolicies(found[ECA.oauthPolicies][0] ?? names.oauthPolicies)]);
  const [global] = await client.metadata.read(ECA.global, [names.global]);
  const consumerKey = global ? metadataText(global, 'consumerKey') : undefined;
  if (!consumerKey) throw new SalesforceError('UNKNOWN', 'Salesforce did not return the sign-in app’s consumer key.');
  return consumerKey;
}

async function userIds(client: OrgClient, usernames: string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  const rows = await client.query(`SELECT Id, Username FROM User WHERE Username IN (${usernames.map(soqlQuote).join(', ')})`);
  const missing = usernames.filter((u) => !rows.some((r) => String(r.Username).toLowerCase() === u.toLowerCase()));
  if (missing.length > 0)
    fail('INVALID_INPUT', `No user with the username ${missing.join(', ')} in this org.`, { params: { usernames: missing.join(', ') } });
  return rows.map((r) => String(r.Id));
}

type RecordEntry = (session: AdminSession, operation: string, result: 'success' | 'failure', summary: string) => void;

async function permissionSet(client: OrgClient, look: SignInAppLook): Promise<string> {
  if (look.permissionSet) return look.permissionSet.id;
  return client.create('PermissionSet', { Name: PERMISSION_SET, Label: SIGN_IN_PERMISSION_SET_LABEL, Description: SIGN_IN_DESCRIPTION });
}

/** The permission set and its holders first, then the app; its consumer key becomes the profile's client. */
async function createApp(client: OrgClient, session: AdminSession, plan: SignInAppPlan, createdAt: string): Promise<SignInApp> {
  const look = await lookInOrg(client);
  const psId = await permissionSet(client, look);
  const assignees = await userIds(client, plan.assignTo);
  if (assignees.length > 0)
    await client.createMany(
      'PermissionSetAssignment',
      assignees.map((AssigneeId) => ({ AssigneeId, PermissionSetId: psId })),
    );
  if (look.app) await deleteApp(client);
  const [me] = await client.query(`SELECT Email FROM User WHERE Id = ${soqlQuote(session.identity.userId)}`);
  const email = typeof me?.Email === 'string' ? me.Email : session.identity.username;
  const consumerKey = await buildApp(client, plan.callbackPort, email);
  return { appName: names.app, consumerKey, callbackPort: plan.callbackPort, permissionSet: PERMISSION_SET, orgId: plan.orgId, createdAt };
}

/** The app goes last: deleting it ends every session signed in with it, perhaps this one. */
async function removeApp(client: OrgClient): Promise<void> {
  const look = await lookInOrg(client);
  if (look.permissionSet) {
    const assignments = look.permissionSet.holders.map((h) => h.assignmentId);
    if (assignments.length > 0) await client.destroyMany('PermissionSetAssignment', assignments);
    await client.destroy('PermissionSet', look.permissionSet.id);
  }
  if (look.app) await deleteApp(client);
}

export function createSignInAppService(deps: SignInAppDeps): SignInAppService {
  const plans = new Map<string, SignInAppPlan>();
  const now = deps.now ?? (() => new Date());
  const connect = async (): Promise<{ session: AdminSession; client: OrgClient }> => {
    const session = await deps.auth.session();
    return { session, client: createOrgClient(session.connection, defaultRetryPolicy) };
  };
  const confirmed = (planId: string, kind: SignInAppPlan['kind'], orgId: string): SignInAppPlan => {
    const plan = plans.get(planId);
    if (!plan || plan.kind !== kind || plan.orgId !== orgId)
      fail('PLAN_REQUIRED', 'Review the sign-in app change first, then confirm it.', { action: 'retry' });
    plans.delete(planId);
    return plan;
  };
  const record: RecordEntry = (session, operation, result, summary) =>
    void deps.audit.append({
      actor: session.identity.username,
      orgId: session.identity.orgId,
      operation,
      result,
      summary,
      artifacts: [names.app, PERMISSION_SET],
    });

  return {
    show() {
      const profile = deps.settings.activeProfile() ?? fail('NOT_SIGNED_IN', 'Choose an org profile first.', { action: 'signIn' });
      return { profile, app: profile.signInApp ?? null };
    },
    async plan(input) {
      const parsed = signInAppPlanInputSchema.parse(input);
      const { session, client } = await connect();
      const look = await lookInOrg(client);
      const port = parsed.callbackPort ?? session.profile.callbackPort;
      const assignTo = [...new Set([session.identity.username, ...(parsed.assignTo ?? [])])];
      const plan =
        parsed.kind === 'create'
          ? createPlan(session.identity.orgId, look, port, assignTo)
          : removalPlan(session.identity.orgId, look, session.profile.signInApp?.callbackPort);
      plans.set(plan.id, plan);
      return plan;
    },
    async create(planId) {
      const { session, client } = await connect();
      const plan = confirmed(planId, 'create', session.identity.orgId);
      try {
        const app = await createApp(client, session, plan, now().toISOString());
        deps.settings.setSignInApp(session.profile.id, app);
        const summary = `Created the sign-in app ${names.app} (callback port ${plan.callbackPort}) for holders of ${PERMISSION_SET}.`;
        record(session, 'signInApp.create', 'success', summary);
        return app;
      } catch (error) {
        record(
          session,
          'signInApp.create',
          'failure',
          `Creating the sign-in app failed: ${error instanceof Error ? error.message : 'unknown error'}`,
        );
        throw error;
      }
    },
    async remove(planId) {
      const { session, client } = await connect();
      confirmed(planId, 'remove', session.identity.orgId);
      await removeApp(client);
      const signedInWithIt = session.profile.signInApp?.consumerKey === session.profile.clientId;
      if (signedInWithIt) await deps.auth.signOut();
      const profile = deps.settings.setSignInApp(session.profile.id, null);
      record(session, 'signInApp.remove', 'success', `Removed the sign-in app ${names.app} and the permission set ${PERMISSION_SET}.`);
      return profile;
    },
  };
}

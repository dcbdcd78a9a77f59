import { randomBytes } from 'node:crypto';
import { fail } from '../../../common/app-error-schema';
import { destroyFound } from '../../salesforce/client';
import { toSalesforceError } from '../../salesforce/errors';
import { integrationUsername } from '../org/names';
import { idOf } from './permission-set';
import type { StepResult } from './results';
import type { ComposedChange, RemovalContext, Step, StepContext } from './step';
import { explainOrgRule, orgFieldValues } from './user-field-values';

const USERNAME_TRIES = 5;

function requireProfile(ctx: StepContext): string {
  return (
    ctx.snapshot.integrationProfile?.id ??
    fail(
      'NO_INTEGRATION_LICENCES',
      'This org has no Salesforce Integration profile ("Minimum Access - API Only Integrations"), so no integration user can be created.',
      { action: 'retry' },
    )
  );
}

/** The earlier user of ours to bring back (inactive ones are reactivated, never duplicated). */
function reusable(ctx: StepContext): { id: string; username: string; active: boolean } | null {
  const known = ctx.previousUser ? ctx.snapshot.users.find((u) => u.id === ctx.previousUser?.id) : undefined;
  const candidate = known ?? ctx.snapshot.users.find((u) => u.active) ?? ctx.snapshot.users[0];
  if (candidate) return { id: candidate.id, username: candidate.username, active: candidate.active };
  return ctx.previousUser ? { ...ctx.previousUser, active: false } : null;
}

/** Whether this run makes a new integration user (nothing of ours to bring back). */
export function createsNewUser(ctx: StepContext): boolean {
  return reusable(ctx) === null && !ctx.artifacts.integrationUser?.id;
}

function newUsername(ctx: StepContext): string {
  const username = integrationUsername(ctx.names.agentName, ctx.orgId, randomBytes(3).toString('hex'));
  ctx.run.username = username;
  return username;
}

function plannedUsername(ctx: StepContext): string {
  return ctx.run.username ?? newUsername(ctx);
}

function userRecord(ctx: StepContext, username: string) {
  const alias = `agt${randomBytes(2).toString('hex')}`;
  return {
    Username: username,
    FirstName: ctx.names.userFirstName,
    LastName: ctx.names.userLastName,
    // Mail for the integration user reaches the admin who set it up.
    Email: ctx.snapshot.adminEmail,
    Alias: alias,
    CommunityNickname: username.split('@')[0]?.slice(0, 40) ?? alias,
    ProfileId: requireProfile(ctx),
    ...userDefaultFields(ctx),
    ...orgFieldValues(ctx),
  };
}

/** The org's defaults, with what the admin changed in the review over them (fact USER-DEFAULTS). */
function userDefaultFields(ctx: StepContext) {
  const chosen = { ...ctx.snapshot.userDefaults, ...ctx.run.userDefaults };
  return {
    TimeZoneSidKey: chosen.timeZone,
    LocaleSidKey: chosen.locale,
    EmailEncodingKey: chosen.emailEncoding,
    LanguageLocaleKey: chosen.language,
  };
}

function reactivation(ctx: StepContext) {
  return { IsActive: true, ProfileId: requireProfile(ctx), ...orgFieldValues(ctx) };
}

/** Explains the user-creation failures an admin can act on; anything else passes through. */
export function explainUserError(thrown: unknown, ctx: StepContext): never {
  const error = toSalesforceError(thrown);
  if (error.code === 'LICENSE_LIMIT_EXCEEDED') {
    const seats = ctx.snapshot.integrationLicence;
    fail(
      'NO_INTEGRATION_LICENCES',
      seats
        ? `No Salesforce Integration licences left (${seats.used} of ${seats.total} used). Free one in Setup > Company Information, or buy more.`
        : 'No Salesforce Integration licences left. Free one in Setup > Company Information, or buy more.',
      {
        action: 'retry',
        params: { used: seats?.used ?? 0, total: seats?.total ?? 0 },
      },
    );
  }
  if (error.code === 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST') refusedDefault(error.fields, ctx);
  explainOrgRule(error);
  if (error.code === 'DUPLICATE_USERNAME') {
    fail(
      'DUPLICATE_USERNAME',
      `Salesforce kept refusing the integration user's username as already taken (tried ${USERNAME_TRIES} different ones). Try again later.`,
      { action: 'retry' },
    );
  }
  throw thrown;
}

const DEFAULT_FIELDS = {
  TimeZoneSidKey: 'time zone',
  LocaleSidKey: 'locale',
  LanguageLocaleKey: 'language',
  EmailEncodingKey: 'email encoding',
} as const;

/** The org keeps its own list of each default's values (fact USER-DEFAULTS): name the one it refused. */
function refusedDefault(fields: string[], ctx: StepContext): void {
  const sent = userDefaultFields(ctx);
  const field = (Object.keys(DEFAULT_FIELDS) as (keyof typeof DEFAULT_FIELDS)[]).find((f) => fields.includes(f));
  if (!field) return;
  fail(
    'USER_DEFAULT_REFUSED',
    `Salesforce refused the integration user's ${DEFAULT_FIELDS[field]} "${sent[field]}". Choose one the org offers and try again.`,
    {
      action: 'retry',
      params: { field: DEFAULT_FIELDS[field], value: sent[field] },
    },
  );
}

/**
 * The integration user: Salesforce Integration licence, API-only profile, a collision-free
 * username. An earlier user of ours is reactivated instead of taking another licence seat.
 */
export const integrationUserStep: Step<'integrationUser'> = {
  id: 'integrationUser',
  removalId: 'deactivateUser',
  intent(ctx): StepResult<'integrationUser'> {
    const reuse = reusable(ctx);
    return reuse ? { id: reuse.id, username: reuse.username, reactivate: true } : { username: plannedUsername(ctx) };
  },
  find(ctx) {
    const reuse = reusable(ctx);
    if (!reuse?.active) return Promise.resolve(null);
    ctx.note('integrationUser', 'reusedUser');
    return Promise.resolve({ id: reuse.id, username: reuse.username, created: false, adopted: true });
  },
  compose(ctx): ComposedChange<'integrationUser'> {
    const reuse = reusable(ctx);
    if (reuse) {
      return {
        requests: [{ referenceId: 'user', method: 'PATCH', url: `/sobjects/User/${reuse.id}`, body: reactivation(ctx) }],
        provisional: { id: reuse.id, username: reuse.username },
        accept: () => ({ id: reuse.id, username: reuse.username, created: false, reactivated: true }),
      };
    }
    const username = plannedUsername(ctx);
    return {
      requests: [{ referenceId: 'user', method: 'POST', url: '/sobjects/User', body: userRecord(ctx, username) }],
      provisional: { id: '@{user.id}', username, created: true },
      accept: (bodies) => ({ id: idOf(bodies.get('user')), username, created: true }),
    };
  },
  async apply(ctx): Promise<StepResult<'integrationUser'>> {
    const reuse = reusable(ctx);
    try {
      if (reuse) {
        await ctx.client.update('User', reuse.id, reactivation(ctx));
        ctx.note('integrationUser', 'reactivatedUser');
        return { id: reuse.id, username: reuse.username, created: false, reactivated: true };
      }
      const username = plannedUsername(ctx);
      const id = await ctx.client.create('User', userRecord(ctx, username));
      return { id, username, created: true };
    } catch (error) {
      return explainUserError(error, ctx);
    }
  },
  explain: (ctx, error) => explainUserError(error, ctx),
  retryOn(ctx, error, attempt) {
    if (toSalesforceError(error).code !== 'DUPLICATE_USERNAME' || attempt >= USERNAME_TRIES) return false;
    newUsername(ctx);
    ctx.note('integrationUser', 'usernameTaken');
    return true;
  },
  async undo(ctx, result) {
    const id = result.id;
    if (!id) return;
    await removeUnrecordedLicence(ctx, id);
    // Salesforce cannot delete users: deactivating frees the licence seat (facts USER-DELETE, INTEGRATION-SEATS).
    await ctx.client.update('User', id, { IsActive: false });
  },
  undoRequests(result) {
    const id = result.id;
    return id ? [{ referenceId: 'deactivateUser', method: 'PATCH', url: `/sobjects/User/${id}`, body: { IsActive: false } }] : [];
  },
  removalText: (ctx, result) =>
    `Deactivate the integration user ${userOf(ctx, result)} (Salesforce cannot delete users; its licence seat is freed).`,
  removalName: (ctx, result) => userOf(ctx, result),
};

/**
 * A run that died while its setup request was in flight never recorded the licence assignment that
 * request made; it is on our user, so it goes with the user (otherwise the licence stays taken).
 */
async function removeUnrecordedLicence(ctx: RemovalContext, userId: string): Promise<void> {
  if (!/^[A-Za-z0-9]{15,18}$/.test(userId)) return;
  await destroyFound(
    ctx.client,
    'PermissionSetLicenseAssign',
    `AssigneeId = '${userId}' AND PermissionSetLicense.DeveloperName = 'SalesforceAPIIntegrationPsl'`,
  );
}

/** The integration user as the removal plan names it: its username once known. */
function userOf(ctx: Pick<StepContext, 'names'>, result: StepResult<'integrationUser'>): string {
  return result.username ?? ctx.names.userDisplayName;
}

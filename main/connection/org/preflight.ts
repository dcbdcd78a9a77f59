import type { AppError, PreflightReport, UserFieldValues } from '../../../common';
import { block, pass, warn, type Check } from './check';
import { apiPslSeatsCheck, coexistenceCheck, userFieldsCheck, validationRuleChecks } from './preflight-setup';
import type { UserValidationRule } from './user-fields';
import { appError } from '../../../common/app-error-schema';
import type { DesiredAccess } from '../../agent/grants';
import type { OrgSnapshot } from './discovery';
import { isOurs, type ArtifactNames } from './names';

/** The admin's own rights (fact ADMIN-RIGHTS-SOURCES). */
function adminRightsCheck(snapshot: OrgSnapshot): Check[] {
  const checks: Check[] = [];
  checks.push(
    snapshot.adminRightsMissing.length === 0
      ? pass('adminRights', 'adminRightsOk', 'You have the admin rights the connection needs.')
      : block(
          'adminRights',
          'adminRightsMissing',
          appError('INSUFFICIENT_ADMIN_RIGHTS', `Your Salesforce user lacks: ${snapshot.adminRightsMissing.join(', ')}.`, {
            params: { missing: snapshot.adminRightsMissing.join(', ') },
          }),
          { key: 'adminRights', text: 'Ask for the System Administrator profile.' },
        ),
  );

  return checks;
}

/** A free Salesforce Integration seat, or an active user of ours that holds one. */
function licenceCheck(snapshot: OrgSnapshot): Check[] {
  const checks: Check[] = [];
  const seats = snapshot.integrationLicence;
  const activeUser = snapshot.users.some((u) => u.active);
  if (!seats || !snapshot.integrationProfile) {
    checks.push(
      block(
        'integrationLicence',
        'licencesNone',
        appError('NO_INTEGRATION_LICENCES', 'This org has no Salesforce Integration licences, so no integration user can be created.', {
          action: 'retry',
        }),
        {
          key: 'licencesNone',
          text: 'Salesforce Integration licences come with Enterprise, Unlimited, Performance and Developer editions.',
        },
      ),
    );
  } else if (seats.used >= seats.total && !activeUser) {
    checks.push(
      block(
        'integrationLicence',
        'licencesUsedUp',
        appError('NO_INTEGRATION_LICENCES', `No Salesforce Integration licences left (${seats.used} of ${seats.total} used).`, {
          action: 'retry',
          params: { used: seats.used, total: seats.total },
        }),
        {
          key: 'licencesUsedUp',
          text: 'Deactivate an integration user you no longer need, or buy more licences (Setup > Company Information).',
        },
      ),
    );
  } else {
    checks.push(
      pass('integrationLicence', 'licencesFree', `Salesforce Integration licences: ${seats.total - seats.used} of ${seats.total} free.`, {
        free: seats.total - seats.used,
        total: seats.total,
      }),
    );
  }

  return checks;
}

/** The permission set licence the integration user needs, with its free seats. */
function apiPslCheck(snapshot: OrgSnapshot): Check[] {
  const seats = apiPslSeatsCheck(snapshot);
  if (seats) return [seats];
  return [
    block(
      'apiPsl',
      'apiPslMissing',
      appError(
        'NO_API_INTEGRATION_PSL',
        'This org has no "Salesforce API Integration" permission set licence, which the integration user needs.',
        {
          action: 'retry',
        },
      ),
    ),
  ];
}

/** External Client Apps turned on. */
function appsCheck(snapshot: OrgSnapshot): Check[] {
  const checks: Check[] = [];
  checks.push(
    snapshot.app === 'unavailable'
      ? block(
          'externalClientApps',
          'externalClientAppsUnavailable',
          appError('EXTERNAL_CLIENT_APPS_UNAVAILABLE', 'External Client Apps are not available in this org.', { action: 'retry' }),
          { key: 'externalClientApps', text: 'Turn them on in Setup > External Client App Settings.' },
        )
      : pass('externalClientApps', 'externalClientAppsOk', 'External Client Apps are available.'),
  );

  return checks;
}

/** Our names not taken by something the admin made. */
function nameChecks(snapshot: OrgSnapshot): Check[] {
  const checks: Check[] = [];
  const ps = snapshot.permissionSet;
  const app = snapshot.app === 'unavailable' ? null : snapshot.app;
  if (ps && !isOurs(ps.description)) {
    checks.push(
      block(
        'permissionSetName',
        'permissionSetNameTaken',
        appError('NAME_TAKEN', `A permission set named "${ps.name}" already exists and was not created by Agent Connections.`, {
          action: 'openSettings',
          params: { name: ps.name, kind: 'permission set' },
        }),
        { key: 'permissionSetNameTaken', text: 'Rename that permission set, or choose another agent name in Settings.' },
      ),
    );
  }
  if (app && !isOurs(app.description)) {
    checks.push(
      block(
        'appName',
        'appNameTaken',
        appError(
          'NAME_TAKEN',
          `An external client app named "${app.developerName}" already exists and was not created by Agent Connections.`,
          { action: 'openSettings', params: { name: app.developerName, kind: 'external client app' } },
        ),
        { key: 'appNameTaken', text: 'Rename that app, or choose another agent name in Settings.' },
      ),
    );
  }
  return checks;
}

/** What an earlier attempt left: reused or replaced, never duplicated. */
function leftoversCheck(snapshot: OrgSnapshot, names: ArtifactNames): Check[] {
  const checks: Check[] = [];
  const ps = snapshot.permissionSet;
  const app = snapshot.app === 'unavailable' ? null : snapshot.app;
  const leftovers = [
    ps && isOurs(ps.description) ? `permission set ${ps.name}` : '',
    app && isOurs(app.description) ? `external client app ${app.developerName}` : '',
    ...snapshot.users.map((u) => `${u.active ? 'active' : 'inactive'} integration user ${u.username}`),
  ].filter(Boolean);
  checks.push(
    leftovers.length > 0
      ? warn(
          'leftovers',
          'leftoversFound',
          `Found from an earlier attempt for "${names.agentName}": ${leftovers.join('; ')}. They will be reused or replaced, not duplicated.`,
          { agent: names.agentName, items: leftovers.join('; ') },
        )
      : pass('leftovers', 'leftoversNone', 'Nothing left over from an earlier attempt.'),
  );

  return checks;
}

/** What the admin chose exists in the org; what the default profile lists and the org lacks is left out, with a note. */
function describeCheck(desired: DesiredAccess): Check[] {
  const checks: Check[] = [];
  if (desired.unknown.length > 0) {
    const missing = desired.unknown.join(', ');
    checks.push(
      block(
        'describe',
        'describeMissing',
        appError('PREFLIGHT_FAILED', `The org has no ${missing}, which the agent's access profile lists.`, {
          action: 'openSettings',
          params: { missing },
        }),
        { key: 'describe', text: 'Remove them from the access profile, or create them in the org.' },
      ),
    );
  } else {
    checks.push(pass('describe', 'describeOk', 'Every object and field of the access profile exists in the org.'));
  }
  if (desired.skipped.length > 0) {
    const missing = desired.skipped.join(', ');
    checks.push(warn('notInOrg', 'describeSkipped', notInOrgText(desired.skipped), { missing }));
  }
  return checks;
}

/** The note for default-profile names the org lacks (or hides from the admin): the review, the details and the CLI say it alike. */
export function notInOrgText(names: readonly string[]): string {
  const verb = names.length === 1 ? 'does' : 'do';
  return `${names.join(', ')} ${verb} not exist in this org (or your field-level security hides it); the agent will not read ${names.length === 1 ? 'it' : 'them'}.`;
}

/**
 * What the checks know beyond discovery: the values the admin entered for User fields (a run has
 * them; before the review there are none yet), and the validation rules read for the review.
 */
export interface PreflightExtras {
  userFields?: UserFieldValues;
  rules?: readonly UserValidationRule[] | 'unreadable';
}

/** Everything that would stop Enable half-way, found before anything is changed. */
export function preflightChecks(
  snapshot: OrgSnapshot,
  desired: DesiredAccess,
  names: ArtifactNames,
  extras: PreflightExtras = {},
): Check[] {
  return [
    ...adminRightsCheck(snapshot),
    ...licenceCheck(snapshot),
    ...apiPslCheck(snapshot),
    ...appsCheck(snapshot),
    ...nameChecks(snapshot),
    ...leftoversCheck(snapshot, names),
    userFieldsCheck(snapshot, extras.userFields),
    ...validationRuleChecks(extras.rules),
    ...coexistenceCheck(snapshot),
    ...describeCheck(desired),
  ];
}

export function preflightReport(checks: Check[]): PreflightReport {
  return { ok: checks.every((c) => c.ok || c.severity !== 'blocker'), checks: checks.map(({ error: _error, ...check }) => check) };
}

export function firstBlocker(checks: Check[]): AppError | undefined {
  return checks.find((c) => !c.ok && c.severity === 'blocker')?.error;
}

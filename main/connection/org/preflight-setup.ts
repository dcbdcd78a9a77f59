import type { UserFieldValues } from '../../../common';
import { appError } from '../../../common/app-error-schema';
import { block, note, pass, warn, type Check } from './check';
import type { OrgSnapshot } from './discovery';
import type { UserValidationRule } from './user-fields';

/**
 * The checks of what the org's own setup asks of a new integration user, and what else holds its
 * licences (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES, MICROSOFT-SALES-AGENT-CONNECTION).
 */

const named = (fields: { name: string; label: string }[]): string => fields.map((f) => `${f.label} (${f.name})`).join(', ');

/**
 * Required custom User fields without a default: before the review a warning (the review asks for the
 * values); in the run, with the admin's values, a blocker for any still missing: nothing is written then.
 */
export function userFieldsCheck(snapshot: Pick<OrgSnapshot, 'userFields'>, supplied?: UserFieldValues): Check {
  const required = snapshot.userFields.required;
  if (required.length === 0) return pass('userFields', 'userFieldsNone', 'User has no required custom fields without a default.');
  const fields = named(required);
  const fix = { key: 'userFields' as const, text: 'Enter a value for each in the review (the CLI: --user-field NAME=VALUE).' };
  if (!supplied) {
    return warn(
      'userFields',
      'userFieldsNeeded',
      `User has required custom fields without a default: ${fields}. The integration user gets the values you enter in the review.`,
      { fields },
      fix,
    );
  }
  const missing = required.filter((f) => !supplied[f.name]?.trim());
  if (missing.length === 0)
    return pass('userFields', 'userFieldsNeeded', `The integration user gets the values you entered for: ${fields}.`, { fields });
  const list = named(missing);
  return block(
    'userFields',
    'userFieldsMissing',
    appError('USER_FIELDS_REQUIRED', `Salesforce requires a value on every new user for: ${list}. Nothing was changed.`, {
      action: 'review',
      params: { fields: list },
    }),
    fix,
  );
}

/** Each active validation rule on User may refuse the integration user; the app cannot read its formula, so it names it. */
export function validationRuleChecks(rules: readonly UserValidationRule[] | 'unreadable' | undefined): Check[] {
  if (rules === undefined) return [];
  if (rules === 'unreadable') {
    return [
      warn(
        'validationRules',
        'validationRulesUnreadable',
        "Could not read the org's validation rules on User (the Tooling API did not answer); one may refuse the integration user.",
        {},
        { key: 'validationRulesUnreadable', text: 'Check Setup > Object Manager > User > Validation Rules before you turn on access.' },
      ),
    ];
  }
  return rules.map((rule) =>
    warn(
      `validationRule:${rule.name}`,
      'validationRule',
      `Active validation rule on User: ${rule.name} ("${rule.message}")${rule.displayField ? `, shown at ${rule.displayField}` : ''}. It may refuse the integration user.`,
      { rule: rule.name, message: rule.message, field: rule.displayField ?? '' },
      {
        key: 'validationRule',
        text: 'Enter the value it asks for in the review, or exempt the integration profile in the rule (Setup > Object Manager > User > Validation Rules).',
      },
    ),
  );
}

/** The API Integration permission set licence's seats, counted exactly; an active user of ours already holds one. */
export function apiPslSeatsCheck(snapshot: Pick<OrgSnapshot, 'apiPsl' | 'users'>): Check | null {
  const seats = snapshot.apiPsl;
  if (!seats) return null;
  if (seats.used < seats.total || snapshot.users.some((u) => u.active)) {
    const free = Math.max(0, seats.total - seats.used);
    return pass('apiPsl', 'apiPslOk', `Salesforce API Integration permission set licences: ${free} of ${seats.total} free.`, {
      free,
      total: seats.total,
    });
  }
  return block(
    'apiPsl',
    'apiPslUsedUp',
    appError(
      'NO_API_INTEGRATION_PSL',
      `No Salesforce API Integration permission set licences left (${seats.used} of ${seats.total} used).`,
      { action: 'retry', params: { used: seats.used, total: seats.total } },
    ),
    {
      key: 'apiPslUsedUp',
      text: 'Remove the licence from an integration user you no longer need (Setup > Users > Permission Set License Assignments), or buy more.',
    },
  );
}

/** Microsoft's own connection: shown with the licences it holds, never changed. */
export function coexistenceCheck(snapshot: Pick<OrgSnapshot, 'coexisting'>): Check[] {
  const found = snapshot.coexisting;
  if (!found) return [];
  const parts = [
    ...found.apps.map((a) => `app "${a}"`),
    ...found.users.map((u) => `${u.active ? 'active' : 'inactive'} user ${u.username}`),
    ...(found.permissionSet ? [`permission set ${found.permissionSet}`] : []),
    ...(found.profile ? [`profile ${found.profile}`] : []),
  ].join('; ');
  return [
    note(
      'coexistingConnection',
      'coexistingConnection',
      `This org has Microsoft's own Sales agent connection (${parts}). It holds ${found.licencesHeld} Salesforce Integration licence(s); Agent Connections never changes it, and its own integration user takes another licence.`,
      { items: parts, count: found.licencesHeld },
    ),
  ];
}

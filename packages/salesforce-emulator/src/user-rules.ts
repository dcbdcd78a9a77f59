/**
 * What an org's admins may have set up on User that stops a client creating users: custom fields
 * made required without a default (fact USER-REQUIRED-FIELDS, enforced by dml.ts like any required
 * field) and active validation rules (fact USER-VALIDATION-RULES), listed through the Tooling API.
 */
import { DmlError } from './errors';
import type { Org } from './org';
import type { SRecord } from './store';

export const blank = (value: unknown): boolean => value === null || value === undefined || value === '';

/**
 * Salesforce runs active validation rules on every save after its own checks; the first that fails
 * refuses the record with its own message (the `fields` it names is switch validationErrorFields).
 */
export function checkUserValidationRules(org: Org, rec: SRecord): void {
  for (const rule of org.config.userRules?.validationRules ?? []) {
    if (rule.active === false || !blank(rec[rule.requiresField])) continue;
    const fields = org.switches.validationErrorFields === 'displayField' && rule.errorDisplayField ? [rule.errorDisplayField] : [];
    throw new DmlError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.errorMessage, fields);
  }
}

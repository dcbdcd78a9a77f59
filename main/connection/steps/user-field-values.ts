import { fail } from '../../../common/app-error-schema';
import type { SalesforceError } from '../../salesforce/errors';
import type { StepContext } from './step';

/** Types whose values go as JSON numbers or booleans; the rest (text, picklists, dates) as entered. */
const NUMERIC = new Set(['double', 'int', 'currency', 'percent', 'long']);

/**
 * The values the admin entered in the review for User fields the org's setup asks for (facts
 * USER-REQUIRED-FIELDS, USER-VALIDATION-RULES), typed as the User describe says; a field the describe
 * does not list as createable is left out (the review only offered createable ones).
 */
export function orgFieldValues(ctx: Pick<StepContext, 'snapshot' | 'run'>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, raw] of Object.entries(ctx.run.userFields ?? {})) {
    const field = ctx.snapshot.userFields.createable.get(name.toLowerCase());
    if (!field) continue;
    const value = raw.trim();
    if (field.type === 'boolean') out[field.name] = /^(true|yes|1)$/i.test(value);
    else if (NUMERIC.has(field.type) && Number.isFinite(Number(value))) out[field.name] = Number(value);
    else out[field.name] = value;
  }
  return out;
}

/** Salesforce's refusals that come from the org's own rules on User: named, with the way on in the review. */
export function explainOrgRule(error: SalesforceError): void {
  if (error.code === 'REQUIRED_FIELD_MISSING') {
    const fields = error.fields.join(', ') || 'a field';
    fail('USER_FIELDS_REQUIRED', `Salesforce requires a value on every new user for: ${fields}. Review again and enter it.`, {
      action: 'review',
      params: { fields },
    });
  }
  if (error.code === 'FIELD_CUSTOM_VALIDATION_EXCEPTION') {
    fail(
      'USER_VALIDATION_RULE',
      `A validation rule on User refused the integration user: "${error.message}". Review again and enter the value it asks for, or exempt the integration profile in the rule.`,
      { action: 'review', params: { message: error.message } },
    );
  }
}

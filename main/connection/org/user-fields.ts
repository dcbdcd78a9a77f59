import { z } from 'zod';
import type { UserFieldInput } from '../../../common';
import type { OrgClient, SubResult } from '../../salesforce/client';
import { sobjectDescribeSchema } from '../../salesforce/schemas';

/** A User field as the review offers it: what the admin fills in, and how the run sends it. */
export interface UserField {
  name: string;
  label: string;
  type: string;
  picklistValues?: string[];
}

export interface UserFields {
  /** Custom fields a new User must carry that have no default (fact USER-REQUIRED-FIELDS). */
  required: UserField[];
  /** Every field a new User may be given, by lower-case name: a validation rule's display field is looked up here. */
  createable: Map<string, UserField>;
}

export const USER_DESCRIBE_REF = 'describe_integration_user';
/** Not a query: it fits beside discovery's five. */
export const userDescribeRequest = { referenceId: USER_DESCRIBE_REF, method: 'GET' as const, url: '/sobjects/User/describe' };

/** Set by the app itself on every integration user: never asked for. */
const OURS = new Set(['username', 'firstname', 'lastname', 'email', 'alias', 'communitynickname', 'profileid']);

/** The User describe's required and createable fields; an org that would not describe User asks for nothing. */
export function userFieldsOf(result: SubResult | undefined): UserFields {
  const parsed = result?.ok ? sobjectDescribeSchema.safeParse(result.body) : undefined;
  const fields = parsed?.success ? parsed.data.fields : [];
  const createable = fields.filter((f) => f.createable === true && !OURS.has(f.name.toLowerCase()));
  const asField = (f: (typeof fields)[number]): UserField => {
    const values = (f.picklistValues ?? []).filter((v) => v.active).map((v) => v.value);
    return { name: f.name, label: f.label, type: f.type, ...(values.length > 0 && { picklistValues: values }) };
  };
  return {
    required: createable.filter((f) => f.custom && f.nillable === false && f.defaultedOnCreate !== true).map(asField),
    createable: new Map(createable.map((f) => [f.name.toLowerCase(), asField(f)])),
  };
}

/** An active validation rule on User, as the Tooling API lists it (fact USER-VALIDATION-RULES). */
export interface UserValidationRule {
  name: string;
  message: string;
  /** The field Salesforce shows the message at; null for the top of the page. */
  displayField: string | null;
}

const ruleRow = z.object({
  ValidationName: z.string(),
  ErrorMessage: z.string().nullable().optional(),
  ErrorDisplayField: z.string().nullable().optional(),
});

const RULES_SOQL =
  "SELECT ValidationName, ErrorMessage, ErrorDisplayField FROM ValidationRule WHERE EntityDefinition.QualifiedApiName = 'User' AND Active = true";

/**
 * The org's active validation rules on User, read with one Tooling query while the review is built
 * (never inside a run). An org that will not answer (no Tooling access) gives `unreadable`: a warning, not a stop.
 */
export async function readUserValidationRules(client: Pick<OrgClient, 'toolingQuery'>): Promise<UserValidationRule[] | 'unreadable'> {
  try {
    const rows = await client.toolingQuery(RULES_SOQL);
    return rows
      .map((r) => ruleRow.parse(r))
      .map((r) => ({ name: r.ValidationName, message: r.ErrorMessage ?? '', displayField: r.ErrorDisplayField ?? null }));
  } catch {
    return 'unreadable';
  }
}

/** What the review asks for: each required field, then each rule's display field the admin can set. */
export function userFieldInputs(fields: UserFields, rules: readonly UserValidationRule[]): UserFieldInput[] {
  const inputs: UserFieldInput[] = fields.required.map((f) => ({ ...f, required: true }));
  for (const rule of rules) {
    const field = rule.displayField ? fields.createable.get(rule.displayField.toLowerCase()) : undefined;
    if (!field || inputs.some((i) => i.name === field.name)) continue;
    inputs.push({ ...field, required: false, rule: rule.name, ruleMessage: rule.message });
  }
  return inputs;
}

import { z } from 'zod';

/**
 * What an org's own setup asks of a new integration user (facts USER-REQUIRED-FIELDS,
 * USER-VALIDATION-RULES) and what else in it holds an integration licence (fact
 * MICROSOFT-SALES-AGENT-CONNECTION): pre-flight finds them, the review shows them.
 */

/** A User field the review asks a value for: required with no default, or the field a validation rule names. */
export const userFieldInputSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  /** true: Salesforce refuses the user without it; false: a validation rule may ask for it. */
  required: z.boolean(),
  picklistValues: z.array(z.string()).optional(),
  /** The validation rule that shows its message at this field. */
  rule: z.string().optional(),
  ruleMessage: z.string().optional(),
});
export type UserFieldInput = z.infer<typeof userFieldInputSchema>;

/** API names of User fields: letters, digits and single underscores, custom ones ending in __c. */
export const userFieldNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'a User field API name like Cost_Center__c');
/** The values the admin entered in the review, by field API name; sent as they are on the new user. */
export const userFieldValuesSchema = z
  .record(userFieldNameSchema, z.string().trim().min(1).max(255))
  .refine((v) => Object.keys(v).length <= 50, {
    message: 'at most 50 User fields',
  });
export type UserFieldValues = z.infer<typeof userFieldValuesSchema>;

/** Microsoft's own Sales agent connection in the org: listed, never changed. */
export const coexistingConnectionSchema = z.object({
  /** Labels of its apps (connected app or External Client App). */
  apps: z.array(z.string()),
  users: z.array(z.object({ username: z.string(), active: z.boolean() })),
  permissionSet: z.string().nullable(),
  profile: z.string().nullable(),
  /** Salesforce Integration licence seats its active users hold. */
  licencesHeld: z.number().int(),
});
export type CoexistingConnection = z.infer<typeof coexistingConnectionSchema>;

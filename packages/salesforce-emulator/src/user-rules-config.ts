/** How an org's rules on User are described to the emulator (EmulatorOptions.userRules; enforced by user-rules.ts). */

/**
 * One validation rule on User. The emulator evaluates one formula shape, `ISBLANK(<requiresField>)`:
 * enough to stand for a rule a client can satisfy by giving the user a value.
 */
export interface UserValidationRule {
  name: string;
  errorMessage: string;
  /** Where Salesforce shows the message; absent = top of page. */
  errorDisplayField?: string;
  /** The field the rule's formula tests for blank. */
  requiresField: string;
  /** Default true. */
  active?: boolean;
  description?: string;
}

export interface UserRules {
  /** Custom User fields made required with no default; every seeded user has a value. */
  requiredFields?: { name: string; label: string }[];
  validationRules?: UserValidationRule[];
}

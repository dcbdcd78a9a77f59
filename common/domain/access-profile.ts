import { z } from 'zod';
import { accessPolicyProblems, API_NAME_MAX_LENGTH, API_NAME_PATTERN } from './access-policy';

export { accessLimits, canEdit, editableObjects } from './access-policy';

export const apiNameSchema = z.string().max(API_NAME_MAX_LENGTH).regex(API_NAME_PATTERN, 'Not a Salesforce API name.');

export const objectAccessSchema = z
  .object({
    object: apiNameSchema,
    fields: z.array(apiNameSchema),
    /** Explicit opt-ins, off by default (least privilege). */
    viewAllRecords: z.boolean().default(false),
    edit: z.boolean().default(false),
  })
  .strict();
export type ObjectAccess = z.infer<typeof objectAccessSchema>;

/** The issue `params` that tell every edge the refusal's error code (see `appErrorOfZod` in app-error-schema.ts). */
const accessRefusal = { code: 'ACCESS_PROFILE_REFUSED' } as const;

/** Every write of a profile (contract, service, store) goes through this, so the policy holds in main. */
export const accessProfileSchema = z
  .object({
    objects: z.array(objectAccessSchema).min(1),
  })
  .strict()
  .superRefine((profile, ctx) => {
    for (const problem of accessPolicyProblems(profile)) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path, params: accessRefusal });
    }
  });
export type AccessProfile = z.infer<typeof accessProfileSchema>;

export const defaultAccessProfile: AccessProfile = {
  objects: [
    { object: 'Account', fields: [], viewAllRecords: false, edit: false },
    { object: 'Contact', fields: ['AccountId', 'Email', 'MobilePhone', 'Phone', 'Title'], viewAllRecords: false, edit: false },
    { object: 'Opportunity', fields: ['Amount', 'AccountId', 'ExpectedRevenue'], viewAllRecords: false, edit: false },
    { object: 'Lead', fields: ['Email', 'Title', 'Description', 'LeadSource', 'Rating', 'Phone'], viewAllRecords: false, edit: false },
    { object: 'Product2', fields: ['Description'], viewAllRecords: false, edit: false },
    { object: 'Task', fields: ['Subject', 'Description', 'ActivityDate', 'WhoId', 'WhatId', 'Type'], viewAllRecords: false, edit: false },
    { object: 'Event', fields: ['Subject', 'Description', 'ActivityDate', 'WhoId', 'WhatId', 'Type'], viewAllRecords: false, edit: false },
  ],
};

/** For the field picker: what the org's describe says about an object and its fields. */
export const describedFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  custom: z.boolean(),
  /** false: always readable with object access; never sent as a FieldPermissions row. */
  permissionable: z.boolean(),
});
export type DescribedField = z.infer<typeof describedFieldSchema>;

export const describedObjectSchema = z.object({
  name: z.string(),
  label: z.string(),
  custom: z.boolean(),
});
export type DescribedObject = z.infer<typeof describedObjectSchema>;

/** The profile with `fields` added to one object's readable fields (what reconfiguring the agent for more fields sends). */
export function withAddedFields(profile: AccessProfile, object: string, fields: string[]): AccessProfile {
  return { objects: profile.objects.map((o) => (o.object === object ? { ...o, fields: [...o.fields, ...fields] } : o)) };
}

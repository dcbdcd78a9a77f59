import { z } from 'zod';

const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'Not a Salesforce API name.');

export const objectAccessSchema = z.object({
  object: apiName,
  fields: z.array(apiName),
  /** Explicit opt-ins, off by default (least privilege). */
  viewAllRecords: z.boolean().default(false),
  edit: z.boolean().default(false),
});
export type ObjectAccess = z.infer<typeof objectAccessSchema>;

export const accessProfileSchema = z.object({
  objects: z.array(objectAccessSchema).min(1),
});
export type AccessProfile = z.infer<typeof accessProfileSchema>;

/** Objects whose Edit opt-in the product offers (the seed allows Lead edit only). */
export const editableObjects = ['Lead'] as const;

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

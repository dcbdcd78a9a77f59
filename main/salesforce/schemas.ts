import { z } from 'zod';

/** Salesforce response shapes, parsed at the edge; unknown keys are kept out of the app. */

export const restErrorSchema = z.object({
  message: z.string(),
  errorCode: z.string().optional(),
  statusCode: z.string().optional(),
  fields: z.array(z.string()).optional(),
});
export type RestError = z.infer<typeof restErrorSchema>;

export const queryResultSchema = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

export const saveResultSchema = z.object({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  errors: z.array(restErrorSchema).default([]),
});
export type SaveResult = z.infer<typeof saveResultSchema>;

export const createdSchema = z.object({ id: z.string(), success: z.boolean() });

export const compositeResponseSchema = z.object({
  compositeResponse: z.array(
    z.object({
      body: z.unknown(),
      httpStatusCode: z.number(),
      referenceId: z.string(),
    }),
  ),
});

export const fieldDescribeSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  custom: z.boolean(),
  permissionable: z.boolean(),
  updateable: z.boolean().default(false),
  /** With createable and defaultedOnCreate: a field a new record must carry (fact USER-REQUIRED-FIELDS). */
  nillable: z.boolean().optional(),
  createable: z.boolean().optional(),
  defaultedOnCreate: z.boolean().optional(),
  picklistValues: z
    .array(z.object({ value: z.string(), active: z.boolean() }))
    .nullable()
    .optional(),
});
export const sobjectDescribeSchema = z.object({
  name: z.string(),
  label: z.string(),
  custom: z.boolean(),
  fields: z.array(fieldDescribeSchema),
});
export type SObjectDescribe = z.infer<typeof sobjectDescribeSchema>;

export const describeGlobalSchema = z.object({
  sobjects: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      custom: z.boolean(),
      queryable: z.boolean(),
      layoutable: z.boolean().optional(),
      createable: z.boolean().optional(),
    }),
  ),
});

/** Metadata SOAP: jsforce casts booleans in SaveResult/DeleteResult; errors may be one or many. */
const metadataErrorSchema = z.object({ message: z.string().default(''), statusCode: z.string().default('UNKNOWN') });
export const metadataSaveResultSchema = z.object({
  fullName: z.string().optional(),
  success: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  errors: z
    .union([metadataErrorSchema, z.array(metadataErrorSchema)])
    .optional()
    .transform((e) => (e === undefined ? [] : Array.isArray(e) ? e : [e])),
});
export type MetadataSaveResult = z.infer<typeof metadataSaveResultSchema>;

export const filePropertiesSchema = z.object({ fullName: z.string(), type: z.string() });

/** The active values of ObjectPermissions.SobjectType, lower-case: the objects that take object permissions. */
export function objectPermissionTypesOf(objectPermissions: SObjectDescribe): Set<string> {
  const sobjectType = objectPermissions.fields.find((f) => f.name === 'SobjectType');
  return new Set((sobjectType?.picklistValues ?? []).filter((v) => v.active).map((v) => v.value.toLowerCase()));
}

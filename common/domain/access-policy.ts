/*
 * The least-privilege policy for the agent's access profile. Main enforces it on every write (the
 * contract's schema and the agent service); the access screen only reflects it. Free of zod.
 */

/** Objects whose Edit opt-in the product offers: the agent qualifies leads and writes nothing else. */
export const editableObjects = ['Lead'] as const;

/**
 * Bounds on one profile. A real object has at most 800 custom fields (Unlimited Edition) plus its
 * standard ones; the emulator's benchmarks and request-budget tests grant 1,000 custom fields on one
 * object and the grant-batch test 1,200, so 1,500 per object leaves them room. 2,000 in all keeps one
 * Enable to about ten FieldPermissions batches; 50 objects is far beyond what a sales agent reads.
 */
export const accessLimits = { objects: 50, fieldsPerObject: 1_500, fieldsTotal: 2_000 } as const;

/** Custom names may carry a namespace and a suffix (`ns__Name__c`); no other double underscores, no trailing one. */
export const API_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*(?:__[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*){0,2}$/;
export const API_NAME_MAX_LENGTH = 80;

// Salesforce API names are case-insensitive: `account` must not slip past a rule about `Account`.
const listed = (list: readonly string[], object: string) => list.some((name) => name.toLowerCase() === object.toLowerCase());

export const canEdit = (object: string): boolean => listed(editableObjects, object);

interface ProfileShape {
  objects: readonly { object: string; fields: readonly string[]; edit?: boolean }[];
}

export interface AccessPolicyProblem {
  message: string;
  path: (string | number)[];
}

function objectProblems(profile: ProfileShape): AccessPolicyProblem[] {
  const seen = new Set<string>();
  return profile.objects.flatMap(({ object, fields, edit }, index): AccessPolicyProblem[] => {
    const path = ['objects', index];
    const key = object.toLowerCase();
    const duplicate = seen.has(key);
    seen.add(key);
    if (duplicate) return [{ message: `${object} is listed twice; list each object once.`, path }];
    if (edit === true && !canEdit(object)) {
      return [
        {
          message: `The agent may not edit ${object} records; it may edit only ${editableObjects.join(', ')}. Turn Edit off for ${object}.`,
          path: [...path, 'edit'],
        },
      ];
    }
    if (fields.length > accessLimits.fieldsPerObject) {
      return [
        {
          message: `${object} lists ${fields.length} fields; at most ${accessLimits.fieldsPerObject} fields per object are allowed.`,
          path: [...path, 'fields'],
        },
      ];
    }
    return [];
  });
}

/** Everything the policy refuses in a profile (empty when it may be saved). */
export function accessPolicyProblems(profile: ProfileShape): AccessPolicyProblem[] {
  if (profile.objects.length > accessLimits.objects) {
    return [
      { message: `The profile lists ${profile.objects.length} objects; at most ${accessLimits.objects} are allowed.`, path: ['objects'] },
    ];
  }
  const perObject = objectProblems(profile);
  if (perObject.length > 0) return perObject;
  const total = profile.objects.reduce((sum, o) => sum + o.fields.length, 0);
  if (total > accessLimits.fieldsTotal) {
    return [{ message: `The profile lists ${total} fields; at most ${accessLimits.fieldsTotal} are allowed in all.`, path: ['objects'] }];
  }
  return [];
}

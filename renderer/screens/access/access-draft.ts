import { editableObjects, type AccessProfile, type ObjectAccess } from '../../../common';

/** Pure edits of the agent's access profile, so the picker's rules are testable without a screen. */
export const canEdit = (object: string): boolean => (editableObjects as readonly string[]).includes(object);

export function withObject(profile: AccessProfile, object: string): AccessProfile {
  if (profile.objects.some((o) => o.object === object)) return profile;
  return { objects: [...profile.objects, { object, fields: [], viewAllRecords: false, edit: false }] };
}

export function withoutObject(profile: AccessProfile, object: string): AccessProfile {
  // The contract needs at least one object: the last one stays.
  if (profile.objects.length <= 1) return profile;
  return { objects: profile.objects.filter((o) => o.object !== object) };
}

export function changeObject(profile: AccessProfile, object: string, change: Partial<Omit<ObjectAccess, 'object'>>): AccessProfile {
  return {
    objects: profile.objects.map((o) => {
      if (o.object !== object) return o;
      const next = { ...o, ...change };
      return canEdit(object) ? next : { ...next, edit: false };
    }),
  };
}

export function toggleField(profile: AccessProfile, object: string, field: string, on: boolean): AccessProfile {
  const current = profile.objects.find((o) => o.object === object);
  if (!current) return profile;
  const fields = on ? [...new Set([...current.fields, field])] : current.fields.filter((f) => f !== field);
  return changeObject(profile, object, { fields });
}

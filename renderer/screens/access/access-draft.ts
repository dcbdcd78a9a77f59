import { accessLimits, canEdit, type AccessProfile, type ObjectAccess } from '../../../common';

/*
 * Pure edits of the agent's access profile, so the picker's rules are testable without a screen.
 * The rules themselves are main's access policy (common), which the picker only reflects.
 */
export { canEdit };

export function withObject(profile: AccessProfile, object: string): AccessProfile {
  if (profile.objects.some((o) => o.object === object) || profile.objects.length >= accessLimits.objects) return profile;
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
      // Main refuses what the access policy does not offer; the picker never asks for it.
      return { ...next, edit: next.edit && canEdit(object), viewAllRecords: next.viewAllRecords };
    }),
  };
}

export function toggleField(profile: AccessProfile, object: string, field: string, on: boolean): AccessProfile {
  const current = profile.objects.find((o) => o.object === object);
  if (!current) return profile;
  const fields = on ? [...new Set([...current.fields, field])] : current.fields.filter((f) => f !== field);
  return changeObject(profile, object, { fields });
}

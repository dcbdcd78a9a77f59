import type { AccessProfile } from '../../../common';

/** The profile with `fields` added to one object (the agent reconfigured for more custom fields). */
export function withFields(profile: AccessProfile, object: string, fields: string[]): AccessProfile {
  return { objects: profile.objects.map((o) => (o.object === object ? { ...o, fields: [...o.fields, ...fields] } : o)) };
}

export function benchFields(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Bench_Field_${String(i + 1).padStart(4, '0')}__c`);
}

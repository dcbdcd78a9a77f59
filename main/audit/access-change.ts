import type { AccessChange, AccessProfile } from '../../common';

type Access = AccessProfile['objects'][number];

// API names are case-insensitive in Salesforce: compare them so.
const key = (name: string) => name.toLowerCase();
const byName = (profile: AccessProfile) => new Map(profile.objects.map((o) => [key(o.object), o]));
const fieldNames = (o: Access) => o.fields.map((f) => `${o.object}.${f}`);

function fieldChanges(before: Access | undefined, after: Access | undefined): { added: string[]; removed: string[] } {
  const had = new Set((before?.fields ?? []).map(key));
  const has = new Set((after?.fields ?? []).map(key));
  return {
    added: after ? fieldNames(after).filter((_, i) => !had.has(key(after.fields[i] ?? ''))) : [],
    removed: before ? fieldNames(before).filter((_, i) => !has.has(key(before.fields[i] ?? ''))) : [],
  };
}

/** What moved between two access profiles: objects, fields, and every Edit and View All switch. */
export function accessChange(before: AccessProfile, after: AccessProfile): AccessChange {
  const old = byName(before);
  const now = byName(after);
  const change: AccessChange = {
    addedObjects: [],
    removedObjects: [],
    addedFields: [],
    removedFields: [],
    editOn: [],
    editOff: [],
    viewAllOn: [],
    viewAllOff: [],
  };
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(name);
    const is = now.get(name);
    const label = is?.object ?? was?.object ?? name;
    if (!was) change.addedObjects.push(label);
    if (!is) change.removedObjects.push(label);
    const fields = fieldChanges(was, is);
    change.addedFields.push(...fields.added);
    change.removedFields.push(...fields.removed);
    if ((was?.edit ?? false) !== (is?.edit ?? false)) (is?.edit ? change.editOn : change.editOff).push(label);
    if ((was?.viewAllRecords ?? false) !== (is?.viewAllRecords ?? false))
      (is?.viewAllRecords ? change.viewAllOn : change.viewAllOff).push(label);
  }
  return change;
}

export const isNoChange = (change: AccessChange): boolean => Object.values(change).every((list) => list.length === 0);

const parts: [keyof AccessChange, string][] = [
  ['addedObjects', 'added objects'],
  ['removedObjects', 'removed objects'],
  ['addedFields', 'added fields'],
  ['removedFields', 'removed fields'],
  ['editOn', 'Edit turned on for'],
  ['editOff', 'Edit turned off for'],
  ['viewAllOn', 'View All Records turned on for'],
  ['viewAllOff', 'View All Records turned off for'],
];

/** The change in English, for the CLI and exports (the Activity screen renders `AccessChange` itself). */
export function describeAccessChange(change: AccessChange): string {
  const said = parts.filter(([k]) => change[k].length > 0).map(([k, words]) => `${words} ${change[k].join(', ')}`);
  return said.length > 0 ? `Changed the agent's access: ${said.join('; ')}.` : "Saved the agent's access unchanged.";
}

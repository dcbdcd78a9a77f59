/**
 * Object and field definitions (what describe returns and what SOQL/DML validate against).
 * `permissionable` follows fact FIELD-PERMISSIONABLE: required, system and name fields carry no FLS.
 */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'combobox'
  | 'reference'
  | 'boolean'
  | 'currency'
  | 'double'
  | 'int'
  | 'percent'
  | 'date'
  | 'datetime';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  nillable: boolean;
  permissionable: boolean;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  calculated: boolean;
  nameField: boolean;
  length: number;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: string[];
  restrictedPicklist: boolean;
  /**
   * The admin's own profile has no FLS Read on it: their describe leaves it out while the
   * FieldPermissions.Field picklist still lists it (recorded real orgs: Task.Type, Event.Type).
   */
  hiddenFromAdmins: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  /** Setup objects can't share a DML transaction with other objects (fact COLLECTIONS-MIXED-DELETE). */
  setup: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  /** Where it is reached: the data API (default), only the Tooling API (`/tooling/query`), or both (fact USER-VALIDATION-RULES). */
  api: ObjectApi;
  fields: FieldDef[];
}

export type ObjectApi = 'data' | 'tooling' | 'both';

/** Whether an object is reached through this API (a tooling-only one looks unknown to the data API, and the other way round). */
export function reachableThrough(def: ObjectDef, api: 'data' | 'tooling'): boolean {
  return def.api === 'both' || def.api === api;
}

export type FieldOpts = Partial<Omit<FieldDef, 'name' | 'type'>> & { required?: boolean };

const LENGTHS: Partial<Record<FieldType, number>> = {
  id: 18,
  string: 255,
  textarea: 32000,
  email: 80,
  phone: 40,
  url: 255,
  picklist: 255,
  combobox: 255,
  reference: 18,
};

export function field(name: string, type: FieldType, opts: FieldOpts = {}): FieldDef {
  const custom = name.endsWith('__c');
  const required = opts.required ?? false;
  const system = type === 'id' || opts.calculated === true;
  return {
    name,
    label: opts.label ?? labelize(name),
    type,
    nillable: opts.nillable ?? (!required && type !== 'boolean'),
    // Required fields and system fields can't carry FLS (fact FIELD-PERMISSIONABLE).
    permissionable: opts.permissionable ?? (!required && !system && !(opts.nameField ?? false)),
    custom,
    createable: opts.createable ?? !system,
    updateable: opts.updateable ?? !system,
    defaultedOnCreate: opts.defaultedOnCreate ?? type === 'boolean',
    calculated: opts.calculated ?? false,
    nameField: opts.nameField ?? false,
    length: opts.length ?? LENGTHS[type] ?? 0,
    referenceTo: opts.referenceTo ?? [],
    relationshipName: opts.relationshipName ?? null,
    picklistValues: opts.picklistValues ?? [],
    restrictedPicklist: opts.restrictedPicklist ?? false,
    hiddenFromAdmins: opts.hiddenFromAdmins ?? false,
  };
}

function labelize(name: string): string {
  const base = name.replace(/__c$/, '').replace(/Id$/, '').replace(/_/g, ' ');
  return base.replace(/([a-z])([A-Z])/g, '$1 $2').trim() || name;
}

/** Id, audit fields and (for data objects) OwnerId: present on every object, never permissionable. */
export function systemFields(withOwner: boolean): FieldDef[] {
  const sys: FieldOpts = { createable: false, updateable: false, permissionable: false, nillable: false, defaultedOnCreate: true };
  const fields = [
    field('Id', 'id', { label: 'Record ID', ...sys }),
    field('CreatedDate', 'datetime', sys),
    field('CreatedById', 'reference', { ...sys, referenceTo: ['User'], relationshipName: 'CreatedBy' }),
    field('LastModifiedDate', 'datetime', sys),
    field('LastModifiedById', 'reference', { ...sys, referenceTo: ['User'], relationshipName: 'LastModifiedBy' }),
    field('SystemModstamp', 'datetime', sys),
  ];
  if (withOwner) {
    fields.push(
      field('OwnerId', 'reference', {
        referenceTo: ['User'],
        relationshipName: 'Owner',
        permissionable: false,
        nillable: false,
        defaultedOnCreate: true,
      }),
    );
  }
  return fields;
}

export interface ObjectOpts {
  label?: string;
  labelPlural?: string;
  setup?: boolean;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  owner?: boolean;
  /** The system fields the object has, where Salesforce gives it fewer than all (recorded describes, test/recorded-reality). */
  systemFields?: string[];
  api?: ObjectApi;
}

export function object(name: string, keyPrefix: string, fields: FieldDef[], opts: ObjectOpts = {}): ObjectDef {
  const label = opts.label ?? labelize(name);
  const setup = opts.setup ?? false;
  return {
    name,
    label,
    labelPlural: opts.labelPlural ?? `${label}s`,
    keyPrefix,
    custom: name.endsWith('__c'),
    setup,
    createable: opts.createable ?? true,
    updateable: opts.updateable ?? true,
    deletable: opts.deletable ?? true,
    api: opts.api ?? 'data',
    fields: [...systemFields(opts.owner ?? !setup).filter((f) => !opts.systemFields || opts.systemFields.includes(f.name)), ...fields],
  };
}

export function findField(obj: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return obj.fields.find((f) => f.name.toLowerCase() === lower);
}

export function findRelationship(obj: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return obj.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
}

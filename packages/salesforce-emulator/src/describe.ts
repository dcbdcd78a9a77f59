/** describe / describeGlobal shapes (the subset of jsforce's DescribeSObjectResult the app reads). */
import type { Org } from './org';
import { reachableThrough, type FieldDef, type ObjectDef } from './schema';
import { acceptsObjectPermissions, canReadField, canReadObject, type Principal } from './security';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function objectUrls(def: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function globalEntry(def: ObjectDef, version: string): Record<string, unknown> {
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: def.custom,
    customSetting: false,
    createable: def.createable,
    updateable: def.updateable,
    deletable: def.deletable,
    queryable: true,
    retrieveable: true,
    searchable: !def.setup,
    layoutable: !def.setup,
    triggerable: !def.setup,
    undeletable: !def.setup && def.deletable,
    mergeable: false,
    replicateable: true,
    activateable: false,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isSubtype: false,
    mruEnabled: !def.setup,
    isInterface: false,
    associateEntityType: null,
    associateParentEntity: null,
    deepCloneable: false,
    urls: objectUrls(def, version),
  };
}

function fieldDescribe(f: FieldDef): Record<string, unknown> {
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    length: f.length,
    byteLength: f.length * 3,
    digits: 0,
    precision: f.type === 'currency' ? 18 : 0,
    scale: f.type === 'currency' ? 2 : 0,
    nillable: f.nillable,
    permissionable: f.permissionable,
    custom: f.custom,
    createable: f.createable,
    updateable: f.updateable,
    defaultedOnCreate: f.defaultedOnCreate,
    calculated: f.calculated,
    nameField: f.nameField,
    autoNumber: false,
    unique: f.name === 'Username',
    externalId: false,
    idLookup: f.type === 'id' || f.name === 'Username',
    filterable: f.type !== 'textarea',
    sortable: f.type !== 'textarea',
    groupable: f.type !== 'textarea' && f.type !== 'double',
    aggregatable: true,
    cascadeDelete: false,
    caseSensitive: false,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    htmlFormatted: false,
    namePointing: f.referenceTo.length > 1,
    restrictedPicklist: f.restrictedPicklist,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    relationshipOrder: null,
    writeRequiresMasterRead: false,
    defaultValue: null,
    defaultValueFormula: null,
    calculatedFormula: null,
    inlineHelpText: null,
    controllerName: null,
    picklistValues: f.picklistValues.map((v, i) => ({
      active: true,
      defaultValue: i === 0 && f.defaultedOnCreate,
      label: v,
      validFor: null,
      value: v,
    })),
    compoundFieldName: null,
    extraTypeInfo: null,
    mask: null,
    maskType: null,
    queryByDistance: false,
    referenceTargetField: null,
    searchPrefilterable: false,
    // Keys a recorded real-org describe carries on every field (test/recorded-reality).
    aiPredictionField: false,
    displayLocationInDecimal: false,
    encrypted: false,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    highScaleNumber: false,
    polymorphicForeignKey: f.referenceTo.length > 1,
    restrictedDelete: false,
  };
}

/**
 * Every field that takes field permissions, as the FieldPermissions.Field picklist names it: a lookup
 * also by its relationship name (`Event.What` beside `Event.WhatId`), as recorded real orgs list it
 * (fact FIELD-PERMISSIONS-PICKLIST). Fields the admin's FLS hides are listed too.
 */
function fieldPermissionValues(org: Org): string[] {
  const data = [...org.store.catalog.values()].filter((d) => !d.setup);
  return data.flatMap((d) =>
    d.fields
      .filter((f) => f.permissionable)
      .flatMap((f) => [
        `${d.name}.${f.name}`,
        ...(f.type === 'reference' && f.name.endsWith('Id') ? [`${d.name}.${f.name.slice(0, -2)}`] : []),
      ]),
  );
}

/** The restricted picklists of ObjectPermissions and FieldPermissions follow the org (facts OBJECT-PERMISSIONS-PICKLIST, FIELD-PERMISSIONS-PICKLIST). */
function withOrgPicklist(org: Org, def: ObjectDef, f: FieldDef): FieldDef {
  const catalog = [...org.store.catalog.values()];
  if (def.name === 'ObjectPermissions' && f.name === 'SobjectType')
    return { ...f, picklistValues: catalog.filter((d) => acceptsObjectPermissions(org, d)).map((d) => d.name) };
  if (def.name === 'FieldPermissions' && f.name === 'SobjectType')
    return { ...f, picklistValues: catalog.filter((d) => !d.setup).map((d) => d.name) };
  if (def.name === 'FieldPermissions' && f.name === 'Field') return { ...f, picklistValues: fieldPermissionValues(org) };
  return f;
}

/** Fields the caller has no FLS Read on are left out, as Salesforce does. */
export function describeObject(org: Org, p: Principal, def: ObjectDef, version: string): Record<string, unknown> {
  const fields = def.fields.filter((f) => canReadField(org, p, def, f)).map((f) => fieldDescribe(withOrgPicklist(org, def, f)));
  return {
    ...globalEntry(def, version),
    fields,
    childRelationships: [],
    recordTypeInfos: [],
    supportedScopes: [],
    actionOverrides: [],
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    listviewable: null,
    lookupLayoutable: null,
    searchLayoutable: !def.setup,
    compactLayoutable: !def.setup,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    implementedBy: null,
    implementsInterfaces: null,
    sobjectDescribeOption: 'FULL',
  };
}

export function describeGlobal(org: Org, p: Principal, version: string): Record<string, unknown> {
  const sobjects = [...org.store.catalog.values()]
    .filter((d) => reachableThrough(d, 'data') && canReadObject(org, p, d))
    .map((d) => globalEntry(d, version));
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}

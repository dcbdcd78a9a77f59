/**
 * Metadata API CRUD at /services/Soap/m/XX.X (facts ECA-METADATA-TYPES, METADATA-SOAP): create / read / update / upsert / delete /
 * list for the External Client App types, ExternalClientAppSettings and ConnectedApp; deploy and retrieve
 * (deploy.ts) go through the same component checks.
 */
import { X509Certificate } from 'node:crypto';
import { boolOf, ECA_GLOBAL, ECA_HEADER, ECA_OAUTH, ECA_OAUTH_POLICIES, ECA_POLICIES, ECA_SATELLITES, satellitesOf, textOf } from './eca';
import { escapeXml } from './http';
import { newConsumerKey, newConsumerSecret, newId, sameId } from './ids';
import { METADATA_DEFAULTS, METADATA_TYPES, type MetadataTypeSpec } from './metadata-types';
import type { MdComponent, MdObject, MdValue, Org } from './org';
import { DEVELOPER_NAME } from './rules';
import { isApiOnly } from './security';
import { asList, mdToXml, orderedKeys, SoapFault, type SoapRequest } from './soap';
import { sfDateTime } from './store';

export const CRUD_LIMIT = 10;

interface ItemError {
  message: string;
  statusCode: string;
  fields?: string;
}
interface SaveResult {
  fullName: string;
  success: boolean;
  errors: ItemError[];
  created?: boolean;
}

export class ItemFailure extends Error {
  constructor(
    readonly statusCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Fact ECA-CRUD-CALLS (switch ecaCrudCalls): an org may serve the app's types only through deploy and retrieve. */
function refuseCrudCall(org: Org, req: SoapRequest): void {
  if (org.switches.ecaCrudCalls !== 'refused') return;
  if (!['createMetadata', 'updateMetadata', 'upsertMetadata', 'readMetadata', 'deleteMetadata'].includes(req.operation)) return;
  const types = [...req.metadataTypes, textOf(req.args, 'type')];
  if (types.some((t) => t !== undefined && (t === ECA_HEADER || (ECA_SATELLITES as readonly string[]).includes(t))))
    throw new SoapFault('sf:INVALID_TYPE', 'INVALID_TYPE: This type of metadata is not available for this organization');
}

/** The CRUD calls and listMetadata; undefined for an operation they do not cover. */
export function runCrudOperation(org: Org, req: SoapRequest, version: number): string | undefined {
  refuseCrudCall(org, req);
  switch (req.operation) {
    case 'createMetadata':
    case 'updateMetadata':
    case 'upsertMetadata':
      return response(req.operation, save(org, req, version).map(saveResultXml));
    case 'readMetadata':
      return response('readMetadata', [readXml(org, req, version)]);
    case 'deleteMetadata':
      return response('deleteMetadata', remove(org, req, version).map(saveResultXml));
    case 'listMetadata':
      return response('listMetadata', list(org, req, version));
    default:
      return undefined;
  }
}

export function response(operation: string, results: string[]): string {
  return `<${operation}Response>${results.map((r) => `<result>${r}</result>`).join('')}</${operation}Response>`;
}

function saveResultXml(r: SaveResult): string {
  const errors = r.errors
    .map(
      (e) =>
        `<errors>${e.fields ? `<fields>${escapeXml(e.fields)}</fields>` : ''}<message>${escapeXml(e.message)}</message><statusCode>${e.statusCode}</statusCode></errors>`,
    )
    .join('');
  const created = r.created === undefined ? '' : `<created>${String(r.created)}</created>`;
  return `${created}${errors}<fullName>${escapeXml(r.fullName)}</fullName><success>${String(r.success)}</success>`;
}

export function typeSpec(type: string, version: number): MetadataTypeSpec {
  const spec = METADATA_TYPES[type];
  if (!spec || version < spec.minVersion)
    throw new SoapFault('sf:INVALID_TYPE', 'INVALID_TYPE: This type of metadata is not available for this organization');
  return spec;
}

function checkCount(n: number): void {
  if (n > CRUD_LIMIT)
    throw new SoapFault(
      'sf:EXCEEDED_ID_LIMIT',
      `EXCEEDED_ID_LIMIT: record limit reached. cannot submit more than ${CRUD_LIMIT} records in this operation`,
    );
}

// ---------------- validation of incoming components ----------------

export function trimAll(v: MdValue): MdValue {
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v)) return v.map(trimAll);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimAll(x)]));
}

/** Whole-call faults for elements the type doesn't define, bad booleans and (optionally) order. */
export function validateElements(org: Org, spec: MetadataTypeSpec, md: MdObject): void {
  const keys = Object.keys(md);
  if (org.switches.strictElementOrder) {
    const sorted = orderedKeys(md);
    const bad = keys.find((k, idx) => sorted[idx] !== k);
    if (bad)
      throw new SoapFault(
        'soapenv:Client',
        `Element {http://soap.sforce.com/2006/04/metadata}${bad} invalid at this location in type ${spec.name}`,
      );
  }
  if (!spec.elements) return;
  for (const k of keys) {
    if (k === 'fullName') continue;
    const kind = spec.elements[k];
    if (!kind) {
      if (org.switches.rejectUnknownElements)
        throw new SoapFault(
          'soapenv:Client',
          `Element {http://soap.sforce.com/2006/04/metadata}${k} invalid at this location in type ${spec.name}`,
        );
      continue;
    }
    for (const v of asList(md[k])) {
      if (kind === 'boolean' && !(typeof v === 'string' && ['true', 'false', '0', '1'].includes(v))) {
        throw new SoapFault(
          'soapenv:Client',
          `'${typeof v === 'string' ? v : ''}' is not valid for type xsd:boolean, should be '0', '1', 'true' or 'false'`,
        );
      }
      if (kind === 'int' && !(typeof v === 'string' && /^-?\d+$/.test(v))) {
        throw new SoapFault('soapenv:Client', `'${typeof v === 'string' ? v : ''}' is not a valid value for the type xsd:int`);
      }
    }
  }
}

export function normaliseBooleans(md: MdObject): MdObject {
  const out: MdObject = {};
  for (const [k, v] of Object.entries(md)) out[k] = v === '1' ? 'true' : v === '0' ? 'false' : v;
  return out;
}

// ---------------- create / update / upsert ----------------

function save(org: Org, req: SoapRequest, version: number): SaveResult[] {
  const items = asList(req.args.metadata).filter((m): m is MdObject => typeof m === 'object' && !Array.isArray(m));
  checkCount(items.length);
  const types = new Set(req.metadataTypes.map((t) => t ?? ''));
  if (types.size > 1) throw new SoapFault('sf:INVALID_TYPE', 'INVALID_TYPE: All components in a single call must be of the same type');
  const type = [...types][0] ?? '';
  if (!type) throw new SoapFault('soapenv:Client', 'Missing xsi:type on metadata element');
  const spec = typeSpec(type, version);
  const prepared = items.map((m) => {
    const md = trimAll(m) as MdObject;
    validateElements(org, spec, md);
    return normaliseBooleans(md);
  });
  return prepared.map((md) => {
    const fullName = textOf(md, 'fullName') ?? '';
    try {
      if (!fullName) throw new ItemFailure('REQUIRED_FIELD_MISSING', 'Required field is missing: fullName');
      const existing = org.component(type, fullName);
      const mode =
        req.operation === 'upsertMetadata' ? (existing ? 'update' : 'create') : req.operation === 'createMetadata' ? 'create' : 'update';
      if (mode === 'create') createComponent(org, spec, fullName, md);
      else updateComponent(org, spec, fullName, md);
      syncEcaRecords(org);
      const result: SaveResult = { fullName, success: true, errors: [] };
      if (req.operation === 'upsertMetadata') result.created = mode === 'create';
      return result;
    } catch (e) {
      if (!(e instanceof ItemFailure)) throw e;
      const result: SaveResult = { fullName, success: false, errors: [{ message: e.message, statusCode: e.statusCode }] };
      if (req.operation === 'upsertMetadata') result.created = false;
      return result;
    }
  });
}

function notFound(type: string, fullName: string): ItemFailure {
  return new ItemFailure('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${type} named ${fullName} found`);
}

export function createComponent(org: Org, spec: MetadataTypeSpec, fullName: string, md: MdObject): void {
  const type = spec.name;
  if (type === 'ExternalClientAppSettings')
    throw new ItemFailure('DUPLICATE_VALUE', `${fullName} already exists; settings can only be updated`);
  if (type === 'ConnectedApp' && !org.switches.allowConnectedAppCreate) {
    // Fact CONNECTED-APP-CREATE: Spring '26 blocks new connected apps, including through the Metadata API.
    throw new ItemFailure(
      'FIELD_INTEGRITY_EXCEPTION',
      "You can't create a connected app. To enable connected app creation, contact Salesforce Support. Use an external client app instead.",
    );
  }
  if (org.component(type, fullName)) throw new ItemFailure('DUPLICATE_DEVELOPER_NAME', `There is already a ${type} named ${fullName}.`);
  if (!DEVELOPER_NAME.test(fullName) || fullName.length > 80) {
    throw new ItemFailure(
      'FIELD_INTEGRITY_EXCEPTION',
      `The ${type} API Name can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.`,
    );
  }
  for (const r of spec.required) if (!textOf(md, r)) throw new ItemFailure('REQUIRED_FIELD_MISSING', `Required field is missing: ${r}`);
  const fields: MdObject = { ...(METADATA_DEFAULTS[type] ?? {}), ...withoutFullName(md) };
  typeRules(org, type, fullName, fields, undefined);
  const now = org.now();
  org.components(type).set(fullName.toLowerCase(), {
    type,
    fullName,
    id: newId(type === ECA_HEADER ? '0xI' : '0xA'),
    fields,
    createdAt: now,
    modifiedAt: now,
  });
  if (org.switches.ecaPolicies !== 'autoCreated') return;
  if (type === ECA_HEADER) autoCreatePolicies(org, ECA_POLICIES, fullName, `${fullName}_defaultPolicy`, fields);
  if (type === ECA_OAUTH) {
    const app = textOf(fields, 'externalClientApplication') ?? '';
    autoCreatePolicies(
      org,
      ECA_OAUTH_POLICIES,
      app,
      org.switches.defaultOauthPolicyNamePattern.replace('{oauth}', fullName).replace('{app}', app),
      fields,
    );
  }
}

export function updateComponent(org: Org, spec: MetadataTypeSpec, fullName: string, md: MdObject): void {
  const type = spec.name;
  const existing = org.component(type, fullName);
  if (!existing) throw notFound(type, fullName);
  // Settings merge (omitted settings keep their value); other types are replaced, as a deploy does.
  const base = type === 'ExternalClientAppSettings' ? existing.fields : { ...(METADATA_DEFAULTS[type] ?? {}) };
  const fields: MdObject = { ...base, ...withoutFullName(md) };
  typeRules(org, type, fullName, fields, existing);
  existing.fields = fields;
  existing.modifiedAt = org.now();
}

function withoutFullName(md: MdObject): MdObject {
  const { fullName: _ignored, ...rest } = md;
  void _ignored;
  return rest;
}

/** Rules specific to one type; `existing` is set on update. */
function typeRules(org: Org, type: string, fullName: string, fields: MdObject, existing: MdComponent | undefined): void {
  if (type === ECA_HEADER) return headerRules(org, fullName, fields, existing);
  if ((ECA_SATELLITES as readonly string[]).includes(type)) satelliteRules(org, type, fullName, fields, existing);
  if (type === ECA_GLOBAL) globalRules(org, fields, existing);
  if (type === ECA_OAUTH_POLICIES) policyRules(org, fields);
  if (type === ECA_OAUTH_POLICIES) preAuthorizationRules(org, fields);
  if (type === 'ConnectedApp' && existing) {
    const oldCfg = existing.fields.oauthConfig;
    const newCfg = fields.oauthConfig;
    const key = typeof newCfg === 'object' && !Array.isArray(newCfg) ? textOf(newCfg, 'consumerKey') : undefined;
    const oldKey = typeof oldCfg === 'object' && !Array.isArray(oldCfg) ? textOf(oldCfg, 'consumerKey') : undefined;
    if (key && key !== oldKey) throw new ItemFailure('FIELD_INTEGRITY_EXCEPTION', 'You cannot provide a Consumer Key');
  }
}

function headerRules(org: Org, fullName: string, fields: MdObject, existing: MdComponent | undefined): void {
  const settings = org.component('ExternalClientAppSettings', 'ExternalClientApp');
  if (!settings || !boolOf(settings.fields, 'enableExternalClientApps', false)) {
    throw new ItemFailure(
      'FIELD_INTEGRITY_EXCEPTION',
      'External client apps are not enabled in this org. Turn on "Opt in to External Client Apps" in External Client App Settings.',
    );
  }
  if (!existing && org.component('ConnectedApp', fullName)) {
    throw new ItemFailure('DUPLICATE_DEVELOPER_NAME', `The API name ${fullName} is already used by a connected app in this org.`);
  }
}

function satelliteRules(org: Org, type: string, fullName: string, fields: MdObject, existing: MdComponent | undefined): void {
  const app = textOf(fields, 'externalClientApplication') ?? '';
  if (!org.component(ECA_HEADER, app)) {
    throw new ItemFailure(
      'INVALID_CROSS_REFERENCE_KEY',
      `In field: externalClientApplication - no ExternalClientApplication named ${app} found`,
    );
  }
  if (existing) return;
  const others = satellitesOf(org, type, app);
  if (others.length && (type !== ECA_OAUTH_POLICIES || org.switches.rejectSecondOauthPolicies)) {
    throw new ItemFailure(
      'DUPLICATE_VALUE',
      `The external client app ${app} already has a ${type} component: ${others[0]?.fullName ?? ''}`,
    );
  }
  void fullName;
}

function globalRules(org: Org, fields: MdObject, existing: MdComponent | undefined): void {
  const givenKey = textOf(fields, 'consumerKey');
  const oldKey = existing ? textOf(existing.fields, 'consumerKey') : undefined;
  if (existing && givenKey && givenKey !== oldKey) throw new ItemFailure('FIELD_INTEGRITY_EXCEPTION', 'You cannot provide a Consumer Key');
  if (!existing && givenKey && org.switches.clientConsumerKey === 'refused')
    throw new ItemFailure('FIELD_INTEGRITY_EXCEPTION', 'You cannot provide a Consumer Key');
  if (!existing && givenKey) {
    const taken = [...org.components(ECA_GLOBAL).values()].some((g) => textOf(g.fields, 'consumerKey') === givenKey);
    if (taken) throw new ItemFailure('FIELD_INTEGRITY_EXCEPTION', 'The consumer key is already taken');
  }
  fields.consumerKey = givenKey ?? oldKey ?? newConsumerKey();
  fields.consumerSecret =
    textOf(fields, 'consumerSecret') ?? (existing ? textOf(existing.fields, 'consumerSecret') : undefined) ?? newConsumerSecret();
  const cert = textOf(fields, 'certificate');
  if (cert) {
    try {
      new X509Certificate(cert);
    } catch {
      throw new ItemFailure('FIELD_INTEGRITY_EXCEPTION', 'The certificate is not a valid X.509 certificate in PEM format.');
    }
  }
}

/** Fact ECA-PREAUTHORIZE-PERMISSION-SET: an org reading only Names (or only Ids) refuses an entry that is none. */
function preAuthorizationRules(org: Org, fields: MdObject): void {
  const by = org.switches.preAuthorizePermissionSetBy;
  if (by === 'either') return;
  const sets = org.store.all('PermissionSet');
  for (const entry of (textOf(fields, 'commaSeparatedPermissionSet') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const known = sets.some((ps) =>
      by === 'name' ? String(ps.Name).toLowerCase() === entry.toLowerCase() : entry.length >= 15 && sameId(String(ps.Id), entry),
    );
    if (!known)
      throw new ItemFailure(
        'FIELD_INTEGRITY_EXCEPTION',
        `commaSeparatedPermissionSet: no permission set with the ${by === 'name' ? 'name' : 'Id'} ${entry}`,
      );
  }
}

function policyRules(org: Org, fields: MdObject): void {
  const username = textOf(fields, 'clientCredentialsFlowUser');
  if (!username) return;
  const user = org.userByUsername(username);
  const invalid =
    !user ||
    (org.switches.executionUserMustBeActive && user.IsActive !== true) ||
    (org.switches.executionUserMustBeApiOnly && !isApiOnly(org, user));
  if (invalid) throw new ItemFailure('FIELD_INTEGRITY_EXCEPTION', 'Enter a valid execution user for the OAuth client credentials flow.');
}

/**
 * Fact ECA-POLICIES (switch ecaPolicies): saving the header generates the app's configurable policies,
 * saving the OAuth settings its OAuth policies, both with default values.
 */
function autoCreatePolicies(org: Org, type: string, app: string, name: string, source: MdObject): void {
  if (satellitesOf(org, type, app).length) return;
  const now = org.now();
  org.components(type).set(name.toLowerCase(), {
    type,
    fullName: name,
    id: newId('0xA'),
    createdAt: now,
    modifiedAt: now,
    fields: { ...(METADATA_DEFAULTS[type] ?? {}), externalClientApplication: app, label: textOf(source, 'label') ?? app },
  });
}

// ---------------- read / delete / list ----------------

function namesOf(req: SoapRequest): string[] {
  return asList(req.args.fullNames).map((v) => (typeof v === 'string' ? v.trim() : ''));
}

function readXml(org: Org, req: SoapRequest, version: number): string {
  const type = textOf(req.args, 'type') ?? '';
  const spec = typeSpec(type, version);
  const names = namesOf(req);
  checkCount(names.length);
  // A missing name gives an empty record, not an error (fact METADATA-SOAP).
  return names
    .map((n) => {
      const c = org.component(spec.name, n);
      if (!c) return `<records xsi:nil="true"/>`;
      return `<records xsi:type="${spec.name}">${mdToXml({ fullName: c.fullName, ...visibleFields(org, c) })}</records>`;
    })
    .join('');
}

/** consumerSecret is masked in reads unless the deprecated Metadata API exposure setting is on (fact ECA-CONSUMER-SECRET-READ). */
export function visibleFields(org: Org, c: MdComponent): MdObject {
  const settings = org.component('ExternalClientAppSettings', 'ExternalClientApp');
  const exposed = settings !== undefined && boolOf(settings.fields, 'enableConsumerSecretApiAccess', false);
  if (c.type === ECA_GLOBAL && !exposed) {
    const { consumerSecret: _secret, consumerKey, ...rest } = c.fields;
    void _secret;
    const shown: MdObject = { ...rest };
    if (org.switches.consumerKeyInRead === 'shown' && consumerKey !== undefined) shown.consumerKey = consumerKey;
    return org.switches.consumerSecretInRead === 'mask' ? { ...shown, consumerSecret: '********' } : shown;
  }
  if (c.type === 'ConnectedApp') {
    const cfg = c.fields.oauthConfig;
    if (typeof cfg === 'object' && !Array.isArray(cfg)) {
      const { consumerSecret: _s, ...restCfg } = cfg;
      void _s;
      return { ...c.fields, oauthConfig: restCfg };
    }
  }
  return c.fields;
}

function remove(org: Org, req: SoapRequest, version: number): SaveResult[] {
  const type = textOf(req.args, 'type') ?? '';
  const spec = typeSpec(type, version);
  const names = namesOf(req);
  checkCount(names.length);
  const results = names.map((fullName) => {
    try {
      if (!deleteComponent(org, spec, fullName)) throw notFound(spec.name, fullName);
      return { fullName, success: true, errors: [] };
    } catch (e) {
      if (!(e instanceof ItemFailure)) throw e;
      return { fullName, success: false, errors: [{ message: e.message, statusCode: e.statusCode }] };
    }
  });
  syncEcaRecords(org);
  return results;
}

/** Deletes one component; false when there is none by that name. Refusals throw ItemFailure. */
export function deleteComponent(org: Org, spec: MetadataTypeSpec, fullName: string): boolean {
  if (spec.name === 'ExternalClientAppSettings') throw new ItemFailure('INVALID_OPERATION', 'Settings cannot be deleted');
  const c = org.component(spec.name, fullName);
  if (!c) return false;
  if (spec.name === ECA_HEADER) deleteSatellites(org, c.fullName);
  org.components(spec.name).delete(fullName.toLowerCase());
  return true;
}

/** Fact ECA-DELETE-CASCADE (switch ecaDeleteCascade): satellites go with their header, or the header can't be deleted while they exist. */
function deleteSatellites(org: Org, app: string): void {
  const sats = ECA_SATELLITES.flatMap((t) => satellitesOf(org, t, app));
  if (!sats.length) return;
  if (!org.switches.ecaDeleteCascade) {
    throw new ItemFailure('DELETE_FAILED', `Cannot delete ${app}: it is referenced by ${sats.map((s) => s.fullName).join(', ')}`);
  }
  for (const s of sats) org.components(s.type).delete(s.fullName.toLowerCase());
}

function list(org: Org, req: SoapRequest, version: number): string[] {
  const queries = asList(req.args.queries).filter((q): q is MdObject => typeof q === 'object' && !Array.isArray(q));
  if (queries.length > 3)
    throw new SoapFault('sf:INVALID_QUERY_FILTER_OPERATOR', 'INVALID_QUERY_FILTER_OPERATOR: You can only have 3 queries in a list request');
  const adminId = org.seedUsers?.adminId ?? '';
  return queries.flatMap((q) => {
    const spec = typeSpec(textOf(q, 'type') ?? '', version);
    return [...org.components(spec.name).values()].map((c) =>
      mdToXml({
        createdById: adminId,
        createdByName: 'Dana Admin',
        createdDate: sfDateTime(c.createdAt).replace('+0000', 'Z'),
        fileName: `${spec.folder}/${c.fullName}.${spec.suffix}`,
        fullName: c.fullName,
        id: c.id,
        lastModifiedById: adminId,
        lastModifiedByName: 'Dana Admin',
        lastModifiedDate: sfDateTime(c.modifiedAt).replace('+0000', 'Z'),
        manageableState: 'unmanaged',
        type: spec.name,
      }),
    );
  });
}

/** Mirrors ECA headers into the queryable ExternalClientApplication sObject (fact ECA-METADATA-TYPES). */
export function syncEcaRecords(org: Org): void {
  const table = org.store.table('ExternalClientApplication');
  table.clear();
  const actor = org.seedUsers?.adminId ?? null;
  for (const h of org.components(ECA_HEADER).values()) {
    table.set(h.id, {
      Id: h.id,
      DeveloperName: h.fullName,
      MasterLabel: textOf(h.fields, 'label') ?? h.fullName,
      NamespacePrefix: null,
      DistributionState: textOf(h.fields, 'distributionState') ?? 'Local',
      ContactEmail: textOf(h.fields, 'contactEmail') ?? null,
      Description: textOf(h.fields, 'description') ?? null,
      CreatedDate: sfDateTime(h.createdAt),
      CreatedById: actor,
      LastModifiedDate: sfDateTime(h.modifiedAt),
      LastModifiedById: actor,
      SystemModstamp: sfDateTime(h.modifiedAt),
    });
  }
}

/**
 * The Metadata API's file-based calls for the types the CRUD calls serve (fact ECA-CRUD-CALLS):
 * `deploy` of a base64 zip (package.xml, one file per component, destructiveChanges*.xml for
 * removals) polled with `checkDeployStatus`, and `retrieve` polled with `checkRetrieveStatus`.
 * Components go through the same checks as the CRUD calls, so both paths store the same thing.
 */
import { strToU8, strFromU8, unzipSync, zipSync } from 'fflate';
import { ECA_HEADER, ECA_SATELLITES, textOf } from './eca';
import { escapeXml } from './http';
import { newId } from './ids';
import { METADATA_TYPES, type MetadataTypeSpec } from './metadata-types';
import {
  createComponent,
  deleteComponent,
  ItemFailure,
  normaliseBooleans,
  syncEcaRecords,
  trimAll,
  typeSpec,
  updateComponent,
  validateElements,
  visibleFields,
} from './metadata';
import type { MdComponent, MdObject, Org } from './org';
import { asList, MD_NS, mdToXml, parseXmlDocument, SoapFault, toMd, type SoapRequest } from './soap';
import { sfDateTime } from './store';

/** Header first, satellites after it; removals run the other way round. */
const RANK: readonly string[] = [ECA_HEADER, ...ECA_SATELLITES];
const rank = (type: string): number => (RANK.includes(type) ? RANK.indexOf(type) : RANK.length);

interface DeployMessage {
  componentType: string;
  fullName: string;
  fileName: string;
  success: boolean;
  created?: boolean;
  deleted?: boolean;
  problem?: string;
  problemType?: 'Error' | 'Warning';
}

interface DeployJob {
  kind: 'deploy';
  id: string;
  checks: number;
  createdAt: number;
  options: { checkOnly: boolean; ignoreWarnings: boolean; rollbackOnError: boolean };
  failures: DeployMessage[];
  successes: DeployMessage[];
  errorMessage?: string;
}

interface RetrieveJob {
  kind: 'retrieve';
  id: string;
  checks: number;
  zipFile: string;
  files: { type: string; fullName: string; fileName: string; component: MdComponent }[];
  messages: { fileName: string; problem: string }[];
}

const jobs = new WeakMap<Org, Map<string, DeployJob | RetrieveJob>>();
function jobsOf(org: Org): Map<string, DeployJob | RetrieveJob> {
  let m = jobs.get(org);
  if (!m) {
    m = new Map<string, DeployJob | RetrieveJob>();
    jobs.set(org, m);
  }
  return m;
}

const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'string' ? v === 'true' || v === '1' : fallback);

/** package.xml / destructiveChanges.xml: members by type, in the manifest's order. */
function manifest(text: string): { type: string; members: string[] }[] {
  const doc = toMd(parseXmlDocument(text).Package ?? {});
  if (typeof doc !== 'object' || Array.isArray(doc)) return [];
  return asList(doc.types)
    .filter((t): t is MdObject => typeof t === 'object' && !Array.isArray(t))
    .map((t) => ({ type: textOf(t, 'name') ?? '', members: asList(t.members).filter((m): m is string => typeof m === 'string') }));
}

/** The zip's files by path; with singlePackage off they sit under one top folder, which is dropped. */
function unzipped(base64: string): Map<string, string> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(Buffer.from(base64, 'base64'));
  } catch {
    throw new SoapFault('soapenv:Client', 'The ZipFile is not a valid zip archive');
  }
  const files = new Map(Object.entries(entries).map(([path, data]) => [path, strFromU8(data)]));
  if (files.has('package.xml')) return files;
  const nested = [...files.keys()].find((p) => /^[^/]+\/package\.xml$/.test(p));
  const top = nested?.split('/')[0];
  if (!top) throw new SoapFault('soapenv:Client', 'No package.xml found');
  return new Map([...files].filter(([p]) => p.startsWith(`${top}/`)).map(([p, t]) => [p.slice(top.length + 1), t]));
}

const fileName = (spec: MetadataTypeSpec, fullName: string) => `${spec.folder}/${fullName}.${spec.suffix}`;

function failure(componentType: string, fullName: string, file: string, problem: string): DeployMessage {
  return { componentType, fullName, fileName: file, success: false, problem, problemType: 'Error' };
}

/** One component file, saved as the CRUD calls would save it (create or replace). */
function saveFile(org: Org, spec: MetadataTypeSpec, fullName: string, text: string | undefined, version: number): DeployMessage {
  const file = fileName(spec, fullName);
  if (text === undefined)
    return failure(
      spec.name,
      fullName,
      'package.xml',
      `An object '${fullName}' of type ${spec.name} was named in package.xml, but was not found in zipped directory`,
    );
  try {
    const root = toMd(parseXmlDocument(text)[spec.name]);
    if (typeof root !== 'object' || Array.isArray(root)) return failure(spec.name, fullName, file, `The file is not a ${spec.name}`);
    const md = trimAll({ ...root, fullName }) as MdObject;
    validateElements(org, typeSpec(spec.name, version), md);
    const existing = org.component(spec.name, fullName);
    if (existing) updateComponent(org, spec, fullName, normaliseBooleans(md));
    else createComponent(org, spec, fullName, normaliseBooleans(md));
    return { componentType: spec.name, fullName, fileName: file, success: true, created: !existing };
  } catch (e) {
    if (e instanceof ItemFailure || e instanceof SoapFault) return failure(spec.name, fullName, file, e.message);
    throw e;
  }
}

function deleteOne(org: Org, spec: MetadataTypeSpec, fullName: string): DeployMessage {
  const file = fileName(spec, fullName);
  try {
    if (deleteComponent(org, spec, fullName)) return { componentType: spec.name, fullName, fileName: file, success: true, deleted: true };
    return {
      componentType: spec.name,
      fullName,
      fileName: file,
      success: true,
      problem: `No ${spec.name} named: ${fullName} found`,
      problemType: 'Warning',
    };
  } catch (e) {
    if (e instanceof ItemFailure) return failure(spec.name, fullName, file, e.message);
    throw e;
  }
}

function specOr(type: string, version: number): MetadataTypeSpec | undefined {
  const spec = METADATA_TYPES[type];
  return spec && version >= spec.minVersion ? spec : undefined;
}

function applyManifest(org: Org, files: Map<string, string>, path: string, version: number, remove: boolean): DeployMessage[] {
  const text = files.get(path);
  if (text === undefined) return [];
  const entries = manifest(text).sort((a, b) => (remove ? rank(b.type) - rank(a.type) : rank(a.type) - rank(b.type)));
  return entries.flatMap(({ type, members }) => {
    const spec = specOr(type, version);
    if (!spec) return [failure(type, '', path, `Unknown type name '${type}' specified in ${path}`)];
    return members.map((m) => (remove ? deleteOne(org, spec, m) : saveFile(org, spec, m, files.get(fileName(spec, m)), version)));
  });
}

function snapshot(org: Org): Map<string, Map<string, MdComponent>> {
  return new Map([...org.metadata].map(([t, m]) => [t, new Map([...m].map(([k, c]) => [k, structuredClone(c)]))]));
}

export function deploy(org: Org, req: SoapRequest, version: number): string {
  const zip = textOf(req.args, 'ZipFile') ?? '';
  const raw = req.args.DeployOptions;
  const opts = typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  const options = {
    checkOnly: bool(opts.checkOnly, false),
    ignoreWarnings: bool(opts.ignoreWarnings, false),
    rollbackOnError: bool(opts.rollbackOnError, true),
  };
  const files = unzipped(zip);
  const before = snapshot(org);
  const messages = [
    ...applyManifest(org, files, 'destructiveChangesPre.xml', version, true),
    ...applyManifest(org, files, 'destructiveChanges.xml', version, true),
    ...applyManifest(org, files, 'package.xml', version, false),
    ...applyManifest(org, files, 'destructiveChangesPost.xml', version, true),
  ];
  const warnings = options.ignoreWarnings ? [] : messages.filter((m) => m.problemType === 'Warning');
  const failures = [
    ...messages.filter((m) => !m.success),
    ...warnings.map((w) => ({ ...w, success: false, problemType: 'Error' as const })),
  ];
  if (options.checkOnly || (failures.length > 0 && options.rollbackOnError)) {
    org.metadata = before;
  }
  syncEcaRecords(org);
  const id = newId('0Af');
  const successes = messages.filter((m) => m.success && (options.ignoreWarnings || m.problemType !== 'Warning'));
  jobsOf(org).set(id, { kind: 'deploy', id, checks: 0, createdAt: org.now(), options, failures, successes });
  return `<done>false</done><id>${id}</id><state>Queued</state>`;
}

function job<K extends 'deploy' | 'retrieve'>(org: Org, req: SoapRequest, kind: K): Extract<DeployJob | RetrieveJob, { kind: K }> {
  const id = textOf(req.args, 'asyncProcessId') ?? '';
  const found = jobsOf(org).get(id);
  if (!found || found.kind !== kind) throw new SoapFault('sf:INVALID_ID_FIELD', `INVALID_ID_FIELD: Invalid id: ${id}`);
  found.checks++;
  return found as Extract<DeployJob | RetrieveJob, { kind: K }>;
}

function messageXml(m: DeployMessage, now: string): string {
  return mdToXml({
    changed: String(m.success && !m.problem),
    componentType: m.componentType,
    created: String(m.created === true),
    createdDate: now,
    deleted: String(m.deleted === true),
    fileName: m.fileName,
    fullName: m.fullName,
    ...(m.problem ? { problem: m.problem, problemType: m.problemType ?? 'Error' } : {}),
    success: String(m.success),
  });
}

/** The first check answers InProgress (a real deploy is queued, then runs); later ones the outcome. */
export function checkDeployStatus(org: Org, req: SoapRequest): string {
  const j = job(org, req, 'deploy');
  const includeDetails = bool(req.args.includeDetails, false);
  const done = j.checks > 1;
  const failed = j.failures.length > 0;
  const status = !done ? 'InProgress' : !failed ? 'Succeeded' : j.options.rollbackOnError ? 'Failed' : 'SucceededPartial';
  const now = sfDateTime(org.now()).replace('+0000', 'Z');
  const deployed = done && (!failed || !j.options.rollbackOnError) ? j.successes.length : 0;
  const details =
    includeDetails && done
      ? `<details>${j.failures.map((m) => `<componentFailures>${messageXml(m, now)}</componentFailures>`).join('')}${j.successes
          .map((m) => `<componentSuccesses>${messageXml(m, now)}</componentSuccesses>`)
          .join('')}</details>`
      : '';
  const adminId = org.seedUsers?.adminId ?? '';
  return (
    `<checkOnly>${String(j.options.checkOnly)}</checkOnly>${done ? `<completedDate>${now}</completedDate>` : ''}` +
    `<createdBy>${escapeXml(adminId)}</createdBy><createdByName>Dana Admin</createdByName><createdDate>${sfDateTime(j.createdAt).replace('+0000', 'Z')}</createdDate>` +
    `${details}<done>${String(done)}</done><id>${j.id}</id><ignoreWarnings>${String(j.options.ignoreWarnings)}</ignoreWarnings>` +
    `<numberComponentErrors>${done ? j.failures.length : 0}</numberComponentErrors><numberComponentsDeployed>${deployed}</numberComponentsDeployed>` +
    `<numberComponentsTotal>${j.failures.length + j.successes.length}</numberComponentsTotal><numberTestErrors>0</numberTestErrors>` +
    `<numberTestsCompleted>0</numberTestsCompleted><numberTestsTotal>0</numberTestsTotal><rollbackOnError>${String(j.options.rollbackOnError)}</rollbackOnError>` +
    `<runTestsEnabled>false</runTestsEnabled><status>${status}</status><success>${String(done && status === 'Succeeded')}</success>`
  );
}

/** jsforce sends the request as `request`, the WSDL names it `retrieveRequest`; real orgs take jsforce's (sfdx retrieves this way). */
export function retrieve(org: Org, req: SoapRequest, version: number): string {
  const raw = req.args.retrieveRequest ?? req.args.request;
  const request = typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  const unpackaged = request.unpackaged;
  const types = asList(typeof unpackaged === 'object' && !Array.isArray(unpackaged) ? unpackaged.types : undefined).filter(
    (t): t is MdObject => typeof t === 'object' && !Array.isArray(t),
  );
  const singlePackage = bool(request.singlePackage, false);
  const prefix = singlePackage ? '' : 'unpackaged/';
  const out: RetrieveJob = { kind: 'retrieve', id: newId('09S'), checks: 0, zipFile: '', files: [], messages: [] };
  const zipEntries: Record<string, Uint8Array> = {};
  for (const t of types) {
    const type = textOf(t, 'name') ?? '';
    const spec = typeSpec(type, version);
    for (const member of asList(t.members).filter((m): m is string => typeof m === 'string')) {
      const c = org.component(spec.name, member);
      if (!c) {
        out.messages.push({ fileName: `${prefix}package.xml`, problem: `Entity of type '${spec.name}' named '${member}' cannot be found` });
        continue;
      }
      const file = `${prefix}${fileName(spec, c.fullName)}`;
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${spec.name} xmlns="${MD_NS}">${mdToXml(visibleFields(org, c))}</${spec.name}>\n`;
      zipEntries[file] = strToU8(body);
      out.files.push({ type: spec.name, fullName: c.fullName, fileName: file, component: c });
    }
  }
  const pkg = types
    .map(
      (t) =>
        `<types>${asList(t.members)
          .map((m) => `<members>${escapeXml(typeof m === 'string' ? m : '')}</members>`)
          .join('')}<name>${escapeXml(textOf(t, 'name') ?? '')}</name></types>`,
    )
    .join('');
  zipEntries[`${prefix}package.xml`] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${MD_NS}">${pkg}<version>${version.toFixed(1)}</version></Package>\n`,
  );
  out.zipFile = Buffer.from(zipSync(zipEntries)).toString('base64');
  jobsOf(org).set(out.id, out);
  return `<done>false</done><id>${out.id}</id><state>Queued</state>`;
}

export function checkRetrieveStatus(org: Org, req: SoapRequest): string {
  const j = job(org, req, 'retrieve');
  const done = j.checks > 1;
  if (!done) return `<done>false</done><id>${j.id}</id><status>InProgress</status><success>false</success>`;
  const adminId = org.seedUsers?.adminId ?? '';
  const props = j.files
    .map(
      (f) =>
        `<fileProperties>${mdToXml({
          createdById: adminId,
          createdByName: 'Dana Admin',
          createdDate: sfDateTime(f.component.createdAt).replace('+0000', 'Z'),
          fileName: f.fileName,
          fullName: f.fullName,
          id: f.component.id,
          lastModifiedById: adminId,
          lastModifiedByName: 'Dana Admin',
          lastModifiedDate: sfDateTime(f.component.modifiedAt).replace('+0000', 'Z'),
          manageableState: 'unmanaged',
          type: f.type,
        })}</fileProperties>`,
    )
    .join('');
  const messages = j.messages.map((m) => `<messages>${mdToXml(m)}</messages>`).join('');
  return `<done>true</done>${props}<id>${j.id}</id>${messages}<status>Succeeded</status><success>true</success><zipFile>${j.zipFile}</zipFile>`;
}

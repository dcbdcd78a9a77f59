import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { inWsdlOrder, type MetadataRecord, type MetadataValue } from './metadata-record';

/**
 * The Metadata API's file form of the types the app writes (fact ECA-CRUD-CALLS): where each
 * component's file sits in a deploy or retrieve zip, and the manifests that name them.
 */
const FILE_LAYOUT: Record<string, { folder: string; suffix: string }> = {
  ExternalClientApplication: { folder: 'externalClientApps', suffix: 'eca' },
  ExtlClntAppOauthSettings: { folder: 'extlClntAppOauthSettings', suffix: 'ecaOauth' },
  ExtlClntAppGlobalOauthSettings: { folder: 'extlClntAppGlobalOauthSets', suffix: 'ecaGlblOauth' },
  ExtlClntAppOauthConfigurablePolicies: { folder: 'extlClntAppOauthPolicies', suffix: 'ecaOauthPlcy' },
  ExtlClntAppConfigurablePolicies: { folder: 'extlClntAppPolicies', suffix: 'ecaPlcy' },
};

const MD_NS = 'http://soap.sforce.com/2006/04/metadata';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Whether the app can write `type` as files (a deploy) when the org refuses the CRUD calls for it. */
export const deployable = (type: string): boolean => type in FILE_LAYOUT;

function layout(type: string): { folder: string; suffix: string } {
  const found = FILE_LAYOUT[type];
  if (!found) throw new Error(`No file layout for metadata type ${type}.`);
  return found;
}

export const componentPath = (type: string, fullName: string): string => `${layout(type).folder}/${fullName}.${layout(type).suffix}`;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function elementXml(name: string, value: MetadataValue): string {
  if (Array.isArray(value)) return value.map((item) => elementXml(name, item)).join('');
  if (typeof value === 'object') return `<${name}>${childrenXml(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function childrenXml(record: MetadataRecord): string {
  return Object.entries(inWsdlOrder(record))
    .map(([key, value]) => elementXml(key, value))
    .join('');
}

/** A component's file: its elements in WSDL order, without `fullName` (the file name carries it). */
export function componentXml(type: string, component: MetadataRecord): string {
  const { fullName: _name, ...elements } = component;
  void _name;
  return `${XML_DECLARATION}<${type} xmlns="${MD_NS}">${childrenXml(elements)}</${type}>\n`;
}

/** package.xml or destructiveChanges.xml naming `members` of `type` (none: an empty package). */
export function manifestXml(apiVersion: string, type?: string, members: readonly string[] = []): string {
  const types = type
    ? `<types>${members.map((m) => `<members>${escapeXml(m)}</members>`).join('')}<name>${escapeXml(type)}</name></types>`
    : '';
  return `${XML_DECLARATION}<Package xmlns="${MD_NS}">${types}<version>${escapeXml(apiVersion)}</version></Package>\n`;
}

/** A deploy zip (singlePackage: package.xml at its root) that saves `components` of one type. */
export function saveZip(apiVersion: string, type: string, components: readonly MetadataRecord[]): string {
  const named = components.map((component) => ({ component, name: typeof component.fullName === 'string' ? component.fullName : '' }));
  const files: Record<string, Uint8Array> = {
    'package.xml': strToU8(
      manifestXml(
        apiVersion,
        type,
        named.map((n) => n.name),
      ),
    ),
  };
  for (const { component, name } of named) files[componentPath(type, name)] = strToU8(componentXml(type, component));
  return Buffer.from(zipSync(files)).toString('base64');
}

/** A deploy zip that deletes `fullNames` of one type: an empty package.xml and destructiveChanges.xml. */
export function removalZip(apiVersion: string, type: string, fullNames: readonly string[]): string {
  layout(type);
  return Buffer.from(
    zipSync({
      'package.xml': strToU8(manifestXml(apiVersion)),
      'destructiveChanges.xml': strToU8(manifestXml(apiVersion, type, fullNames)),
    }),
  ).toString('base64');
}

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true });

/**
 * The components of `type` in a retrieve zip, as records like `readMetadata` answers (strings,
 * nested records, `fullName` from the file name). A name the org does not have has no file.
 */
export function componentsInZip(zipBase64: string, type: string): Record<string, unknown>[] {
  const { folder, suffix } = layout(type);
  const entries = unzipSync(Buffer.from(zipBase64, 'base64'));
  const found: Record<string, unknown>[] = [];
  for (const [path, data] of Object.entries(entries)) {
    const match = new RegExp(`(?:^|/)${folder}/([^/]+)\\.${suffix}$`).exec(path);
    if (!match?.[1]) continue;
    const doc: unknown = parser.parse(strFromU8(data));
    const root = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)[type] : undefined;
    const elements = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
    found.push({ fullName: match[1], ...elements });
  }
  return found;
}

/** SOAP envelope parsing and writing for the Metadata API (fact METADATA-SOAP). */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { display, escapeXml, xml, type EmuResponse } from './http';
import type { MdObject, MdValue } from './org';

export const MD_NS = 'http://soap.sforce.com/2006/04/metadata';

export interface SoapRequest {
  operation: string;
  sessionId: string | undefined;
  /** Operation arguments: element name -> value (repeated elements become arrays). */
  args: MdObject;
  /** `xsi:type` of each `metadata` element, in order. */
  metadataTypes: (string | undefined)[];
}

export class SoapFault extends Error {
  constructor(
    readonly faultcode: string,
    readonly faultstring: string,
  ) {
    super(faultstring);
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** fast-xml-parser output -> MdValue, dropping attributes (xsi:type is read separately). */
export function toMd(v: unknown): MdValue {
  if (Array.isArray(v)) return v.map(toMd);
  if (!isObj(v)) return v === undefined || v === null ? '' : display(v);
  if ('@_nil' in v && v['@_nil'] === 'true') return '';
  const out: MdObject = {};
  for (const [k, child] of Object.entries(v)) {
    if (k.startsWith('@_')) continue;
    if (k === '#text') return display(child);
    out[k] = toMd(child);
  }
  return out;
}

function typeAttr(v: unknown): string | undefined {
  return isObj(v) && typeof v['@_type'] === 'string' ? v['@_type'].replace(/^.*:/, '') : undefined;
}

/** A metadata file or manifest (package.xml) as parsed elements; throws SoapFault when it is not well-formed XML. */
export function parseXmlDocument(text: string): Record<string, unknown> {
  if (XMLValidator.validate(text) !== true) throw new SoapFault('soapenv:Client', 'The XML is not well-formed');
  const doc: unknown = parser.parse(text);
  return isObj(doc) ? doc : {};
}

export function parseSoapRequest(body: string): SoapRequest {
  if (XMLValidator.validate(body) !== true)
    throw new SoapFault('soapenv:Client', 'Unable to parse the request: the XML is not well-formed');
  const doc: unknown = parser.parse(body);
  const env = isObj(doc) ? doc.Envelope : undefined;
  const soapBody = isObj(env) ? env.Body : undefined;
  if (!isObj(env) || !isObj(soapBody)) throw new SoapFault('soapenv:Client', 'Missing SOAP Envelope or Body');
  const header = isObj(env.Header) ? env.Header : {};
  const sessionHeader = isObj(header.SessionHeader) ? header.SessionHeader : {};
  const sessionId = sessionHeader.sessionId !== undefined ? display(sessionHeader.sessionId) : undefined;
  const ops = Object.keys(soapBody).filter((k) => !k.startsWith('@_'));
  const operation = ops[0];
  if (!operation) throw new SoapFault('soapenv:Client', 'Missing operation in SOAP Body');
  const rawArgs = soapBody[operation];
  const rawMetadata = isObj(rawArgs) ? rawArgs.metadata : undefined;
  const metadataTypes = (Array.isArray(rawMetadata) ? rawMetadata : rawMetadata === undefined ? [] : [rawMetadata]).map(typeAttr);
  const args = toMd(rawArgs);
  return { operation, sessionId, args: typeof args === 'object' && !Array.isArray(args) ? args : {}, metadataTypes };
}

/** Cheap operation-name sniffing for the request log and fault matching (no full parse). */
export function sniffSoapOperation(body: string): string | undefined {
  const m = /<(?:[A-Za-z0-9_]+:)?Body[^>]*>\s*<(?:[A-Za-z0-9_]+:)?([A-Za-z0-9_]+)/.exec(body);
  return m?.[1];
}

export function envelope(bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="${MD_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}

export function faultResponse(f: SoapFault): EmuResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="${MD_NS}"><soapenv:Body><soapenv:Fault><faultcode>${escapeXml(f.faultcode)}</faultcode><faultstring>${escapeXml(f.faultstring)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
  return xml(500, body);
}

/** Writes a value as child elements; keys in WSDL order (fullName first, then alphabetical). */
export function mdToXml(value: MdObject): string {
  return orderedKeys(value)
    .map((k) => elementXml(k, value[k] ?? ''))
    .join('');
}

export function orderedKeys(value: MdObject): string[] {
  return Object.keys(value).sort((a, b) => (a === 'fullName' ? -1 : b === 'fullName' ? 1 : a.localeCompare(b)));
}

function elementXml(name: string, v: MdValue): string {
  if (Array.isArray(v)) return v.map((item) => elementXml(name, item)).join('');
  if (typeof v === 'object') return `<${name}>${mdToXml(v)}</${name}>`;
  return `<${name}>${escapeXml(v)}</${name}>`;
}

export function asList(v: MdValue | undefined): MdValue[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

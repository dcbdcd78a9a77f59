/** Small response helpers shared by every route module; handlers return data, the server writes it. */
export interface EmuResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Destroy the socket instead of answering (fault injection). */
  drop?: boolean;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const XML_TYPE = 'text/xml;charset=UTF-8';
export const HTML_TYPE = 'text/html;charset=UTF-8';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function noContent(): EmuResponse {
  return { status: 204, headers: {}, body: '' };
}

export function xml(status: number, body: string): EmuResponse {
  return { status, headers: { 'content-type': XML_TYPE }, body };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): EmuResponse {
  return { status, headers: { 'content-type': HTML_TYPE, ...headers }, body };
}

export function text(status: number, body: string): EmuResponse {
  return { status, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body };
}

export function redirect(location: string, headers: Record<string, string> = {}): EmuResponse {
  return { status: 302, headers: { location, ...headers }, body: '' };
}

/** REST error body: always an array of `{message, errorCode, fields}` (fact REST-ERRORS). */
export interface RestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export function restError(status: number, errorCode: string, message: string, fields?: string[]): EmuResponse {
  const err: RestError = { message, errorCode };
  if (fields) err.fields = fields;
  return json(status, [err]);
}

/** OAuth error body `{error, error_description}` (fact TOKEN-RESPONSE). */
export function oauthError(status: number, error: string, description: string): EmuResponse {
  return json(status, { error, error_description: description });
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function escapeHtml(value: string): string {
  return escapeXml(value);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** String form of any JSON value (objects as JSON, never "[object Object]"). */
export function display(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

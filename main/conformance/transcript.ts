import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';

/** One request and its answer as handed to maintainers: secrets and record values already redacted. */
export interface TranscriptEntry {
  seq: number;
  /** The conformance step that sent it. */
  step: string;
  method: string;
  /** Path and query of the URL (every request goes to the org signed in to, or its login host). */
  url: string;
  status: number | null;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
  error?: string;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const REDACTED = '[redacted]';
/** Keys whose values are credentials or personal data wherever they appear (JSON, forms, XML, query strings). */
const SECRET_KEYS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'assertion',
  'sessionid',
  'certificate',
  'consumersecret',
  'client_secret',
  'password',
  'signature',
  'code',
  'code_verifier',
  'token',
  'oauth_token',
  'privatekey',
  'email',
  'contactemail',
]);
const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
const XML_SECRET = /<((?:[\w-]+:)?)(sessionId|certificate|consumerSecret|password|privateKey|contactEmail|email)>([\s\S]*?)<\/\1\2>/gi;

const isSecretKey = (key: string): boolean => SECRET_KEYS.has(key.toLowerCase());

/**
 * Records every HTTP request the process makes while installed, for a transcript of a run.
 * jsforce 3 sends through its own copy of undici's fetch (read off the module at each call), the
 * agent's token request through the global fetch; both are wrapped by the same recorder.
 */
export class TranscriptRecorder {
  readonly entries: TranscriptEntry[] = [];
  step = 'setup';
  /** Values seen as credentials anywhere; removed from the whole transcript at the end. */
  private readonly secrets = new Set<string>();
  private restore: (() => void)[] = [];
  private readonly outside = new AsyncLocalStorage<true>();

  install(): void {
    const jsforceUndici = createRequire(createRequire(import.meta.url).resolve('jsforce'))('undici') as { fetch: Fetch };
    const targets: { fetch: Fetch }[] = [globalThis, jsforceUndici];
    for (const target of new Set(targets)) {
      const original = target.fetch;
      target.fetch = this.wrap(original);
      this.restore.push(() => (target.fetch = original));
    }
  }

  /** Runs `work` (the admin's browser, not the app) without recording what it sends. */
  unrecorded<T>(work: () => Promise<T>): Promise<T> {
    return this.outside.run(true, work);
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0)) undo();
  }

  /** The transcript as text, with every credential value seen during the run replaced. */
  serialize(meta: Record<string, unknown>): string {
    let text = JSON.stringify({ ...meta, entries: this.entries }, null, 2);
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) text = text.split(secret).join(REDACTED);
    for (const secret of [...this.secrets].map((s) => JSON.stringify(s).slice(1, -1))) text = text.split(secret).join(REDACTED);
    return text;
  }

  private wrap(inner: Fetch): Fetch {
    return async (input, init) => {
      if (this.outside.getStore()) return inner(input, init);
      const request = input instanceof Request ? input : null;
      const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
      const url = new URL(request ? request.url : input instanceof URL ? input.href : input);
      const headers = new Headers(init?.headers ?? request?.headers);
      const body = await bodyText(init?.body ?? null, request);
      const sent = body.replay === undefined ? init : { ...init, body: body.replay };
      const started = Date.now();
      const entry: TranscriptEntry = {
        seq: this.entries.length + 1,
        step: this.step,
        method,
        url: this.redactUrl(url),
        status: null,
        durationMs: 0,
        requestHeaders: this.redactHeaders(headers),
        requestBody: this.redactBody(body.text, headers.get('content-type')),
        responseHeaders: {},
        responseBody: null,
      };
      this.entries.push(entry);
      try {
        const response = await inner(input, sent);
        entry.status = response.status;
        entry.responseHeaders = this.redactHeaders(response.headers);
        entry.responseBody = this.redactBody(await response.clone().text(), response.headers.get('content-type'));
        entry.durationMs = Date.now() - started;
        return response;
      } catch (thrown) {
        entry.durationMs = Date.now() - started;
        entry.error = thrown instanceof Error ? thrown.message : String(thrown);
        throw thrown;
      }
    };
  }

  private redactUrl(url: URL): string {
    for (const [key, value] of [...url.searchParams]) {
      if (isSecretKey(key)) {
        this.secrets.add(value);
        url.searchParams.set(key, REDACTED);
      }
    }
    return `${url.pathname}${url.search}`;
  }

  private redactHeaders(headers: Headers): Record<string, string> {
    const kept: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (!DROPPED_HEADERS.has(name.toLowerCase())) kept[name] = value;
      else if (name.toLowerCase() === 'authorization') this.remember(value.replace(/^(Bearer|OAuth|Basic)\s+/i, ''));
    });
    return kept;
  }

  private redactBody(text: string | null, contentType: string | null): unknown {
    if (text === null || text === '') return text;
    const type = contentType ?? '';
    const trimmed = text.trimStart();
    if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return this.redactJson(JSON.parse(text) as unknown, false);
      } catch {
        // Not JSON after all: treated as text below.
      }
    }
    if (type.includes('x-www-form-urlencoded')) return this.redactForm(text);
    return this.redactText(text);
  }

  private redactForm(text: string): string {
    const form = new URLSearchParams(text);
    for (const [key, value] of [...form]) {
      if (isSecretKey(key)) {
        this.remember(value);
        form.set(key, REDACTED);
      }
    }
    return form.toString().replaceAll('%5Bredacted%5D', REDACTED);
  }

  private redactText(text: string): string {
    return text.replace(PEM, '[redacted PEM block]').replace(XML_SECRET, (_whole, prefix: string, name: string, value: string) => {
      this.remember(value);
      return `<${prefix}${name}>${REDACTED}</${prefix}${name}>`;
    });
  }

  /**
   * Keeps the shape and field names. In an sObject record (it has `attributes`) every value but
   * Id and nested records is replaced, so no customer data reaches the transcript.
   */
  private redactJson(value: unknown, inRecord: boolean): unknown {
    if (Array.isArray(value)) return value.map((v) => this.redactJson(v, inRecord));
    if (typeof value === 'string') return inRecord ? REDACTED : this.redactText(value);
    if (value === null || typeof value !== 'object') return inRecord && value !== null ? REDACTED : value;
    const record = 'attributes' in value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if (isSecretKey(key) && inner !== null && typeof inner !== 'object') {
          this.remember(String(inner));
          return [key, REDACTED];
        }
        if (record && (key === 'Id' || key === 'attributes')) return [key, inner];
        if (record && inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return [key, this.redactJson(inner, false)];
        return [key, this.redactJson(inner, record)];
      }),
    );
  }

  private remember(value: string): void {
    // Short values (a `code` of "0") would blank out unrelated text; real credentials are long.
    if (value.length >= 12) this.secrets.add(value);
  }
}

/** The request body as text, and what to send instead when reading it used up a stream. */
async function bodyText(body: RequestInit['body'] | null, request: Request | null): Promise<{ text: string | null; replay?: Buffer }> {
  if (body === null || body === undefined) return { text: request ? await request.clone().text() : null };
  if (typeof body === 'string') return { text: body };
  if (body instanceof URLSearchParams) return { text: body.toString() };
  if (body instanceof Uint8Array) return { text: Buffer.from(body).toString('utf8') };
  if (body instanceof ArrayBuffer) return { text: Buffer.from(body).toString('utf8') };
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    const buffer = Buffer.concat(chunks);
    return { text: buffer.toString('utf8'), replay: buffer };
  }
  return { text: '[body not captured]' };
}

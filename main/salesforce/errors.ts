import { appError, AppFailure, type AppError } from '../../common/app-error-schema';

/**
 * What went wrong in one Salesforce call, reduced to what the app decides on: a Salesforce error code
 * (REST `errorCode`, collection `statusCode`, SOAP fault code without its `sf:` prefix, or a network
 * code), the message Salesforce gave, and the fields it named.
 */
export class SalesforceError extends Error {
  readonly code: string;
  readonly fields: string[];
  /** The Composite subrequest that failed, when it came from one. */
  readonly referenceId: string | undefined;
  constructor(code: string, message: string, fields: string[] = [], referenceId?: string) {
    super(message);
    this.name = 'SalesforceError';
    this.code = code;
    this.fields = fields;
    this.referenceId = referenceId;
  }
}

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Codes that say "try again later": server trouble, a dropped connection, the org's API rate limit. */
const transientCodes = new Set([
  'UNKNOWN_EXCEPTION',
  'SERVER_UNAVAILABLE',
  'REQUEST_LIMIT_EXCEEDED',
  'UNABLE_TO_LOCK_ROW',
  'NETWORK_ERROR',
  'ERROR_HTTP_500',
  'ERROR_HTTP_502',
  'ERROR_HTTP_503',
  'ERROR_HTTP_504',
  'ERROR_HTTP_429',
  'ERROR_HTTP_420',
]);

function stringProp(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : undefined;
}

function networkCode(thrown: unknown): string | undefined {
  for (let current: unknown = thrown, depth = 0; current && depth < 4; depth++) {
    const code = stringProp(current, 'code');
    if (code && networkCodes.has(code)) return code;
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  const message = stringProp(thrown, 'message') ?? '';
  return /fetch failed|socket hang up|other side closed|ECONNRESET|terminated/i.test(message) ? 'NETWORK_ERROR' : undefined;
}

/** Normalises whatever jsforce, undici or our own parsing threw. */
export function toSalesforceError(thrown: unknown): SalesforceError {
  if (thrown instanceof SalesforceError) return thrown;
  const network = networkCode(thrown);
  if (network) return new SalesforceError('NETWORK_ERROR', `The connection to Salesforce dropped (${network}).`);
  const raw = stringProp(thrown, 'errorCode') ?? stringProp(thrown, 'name') ?? 'UNKNOWN';
  const code = raw.replace(/^[a-zA-Z]+:/, '');
  const message = stringProp(thrown, 'message') ?? 'Salesforce reported an error.';
  return new SalesforceError(code, message);
}

export function isTransient(thrown: unknown): boolean {
  if (thrown instanceof AppFailure) return false;
  const error = toSalesforceError(thrown);
  return transientCodes.has(error.code) || /^ERROR_HTTP_5\d\d$/.test(error.code);
}

/** The API request limit in words (fact API-REQUEST-LIMIT): `/limits` gives figures but no reset time, the allowance rolls over 24 hours. */
export function apiLimitText(doing: string, daily: { Remaining: number; Max: number } | null): string {
  const figures = daily ? ` (DailyApiRequests: ${daily.Remaining} of ${daily.Max} left)` : '';
  return `Your org has reached its API request limit${figures}, so ${doing} stopped. Salesforce counts requests over the last 24 hours, so they free up as earlier ones age out (Setup > Company Information shows the figure). Try again later.`;
}

/**
 * The admin-facing error for a Salesforce failure that no step explained more specifically.
 * Salesforce's own message is kept in `params.detail` for support, not shown as the headline.
 */
export function salesforceAppError(thrown: unknown, doing: string): AppError {
  if (thrown instanceof AppFailure) return thrown.error;
  const error = toSalesforceError(thrown);
  const params = { detail: `${error.code}: ${error.message}`.slice(0, 500) };
  switch (error.code) {
    case 'NETWORK_ERROR':
      return appError('SALESFORCE_UNREACHABLE', `Salesforce could not be reached while ${doing}. Check the network and try again.`, {
        action: 'retry',
        params,
      });
    case 'REQUEST_LIMIT_EXCEEDED':
      return appError('REQUEST_LIMIT_EXCEEDED', apiLimitText(doing, null), {
        action: 'retry',
        params,
      });
    case 'INVALID_SESSION_ID':
      return appError('SESSION_EXPIRED', 'Your Salesforce session has expired. Sign in again.', { action: 'signIn', params });
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INSUFFICIENT_ACCESS':
    case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
      return appError(
        'INSUFFICIENT_ADMIN_RIGHTS',
        `Your Salesforce user is not allowed to do this while ${doing}. Salesforce said: "${error.message}". Ask for the System Administrator profile.`,
        { params },
      );
    case 'DEPLOY_TIMEOUT':
      // Not a refusal: the deploy may still finish (fact ECA-CRUD-CALLS); a retry looks again first.
      return appError('SALESFORCE_ERROR', `While ${doing}: ${error.message}`, { action: 'retry', params });
    default:
      return appError('SALESFORCE_ERROR', `Salesforce refused a change while ${doing}: ${error.message}`, { action: 'retry', params });
  }
}

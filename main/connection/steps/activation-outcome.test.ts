import { describe, expect, it } from 'vitest';
import { classifyActivationFailure } from './activation-outcome';

const failure = (error: string, description: string, status = 400) => ({ ok: false as const, error, description, status });
const names = { appLabel: 'Sales Agent external client app', permissionSet: 'Sales_Agent_Permission_Set' };
const MINUTE = 60_000;
/** Two minutes after the app was created, with the default ten-minute window for app_not_found. */
const classify = (value: ReturnType<typeof failure>, sinceChangeMs = 2 * MINUTE) =>
  classifyActivationFailure(value, { sinceChangeMs, appNotFoundWindowMs: 10 * MINUTE }, names);

describe('what a refused agent sign-in means during activation', () => {
  it.each([
    ['invalid_client_id', 'client identifier invalid'],
    ['invalid_grant', "user hasn't approved this consumer"],
  ])('%s "%s" means the app is not active yet: keep waiting', (error, description) => {
    expect(classify(failure(error, description))).toEqual({ kind: 'notYet' });
  });

  it.each([
    ['no answer', failure('network_error', 'Salesforce could not be reached.', 0)],
    ['HTTP 503', failure('http_503', 'Salesforce answered HTTP 503.', 503)],
    ['HTTP 500 with an OAuth body', failure('server_error', 'internal error', 500)],
    ['HTTP 429', failure('http_429', 'Salesforce answered HTTP 429.', 429)],
    ["the org's API limit (REST-shaped 403)", failure('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 403)],
  ])('%s is a transport failure: try again', (_name, value) => {
    expect(classify(value)).toEqual({ kind: 'transient' });
  });

  it.each([
    ['invalid_grant', 'Audience validation failed', 'reconnect', /environment/],
    ['invalid_grant', 'invalid assertion', 'recreate', /certificate/],
    ['invalid_grant', 'expired authorization code', 'reconnect', /clock/],
    ['invalid_app_access', 'user is not admin approved to access this app', 'reconnect', /pre-authorised/],
    ['invalid_client', 'invalid client credentials', 'recreate', /Recreate/],
    ['unsupported_grant_type', 'grant type not supported', 'reconnect', /Reconnect/],
  ])('%s "%s" is final: refused at once, naming the error and its fix', (error, description, action, fix) => {
    const outcome = classify(failure(error, description));
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.error.code).toBe('AGENT_SIGN_IN_REFUSED');
    expect(outcome.error.action).toBe(action);
    expect(outcome.error.message).toContain(`${error}: ${description}`);
    expect(outcome.error.message).toMatch(fix);
    expect(outcome.error.params).toEqual({ error, description });
  });

  it('app_not_found is "not yet" within the window after the app changed, then a refusal that lists its three causes', () => {
    const notInstalled = failure('app_not_found', 'External client app is not installed in this org');
    expect(classify(notInstalled, 9 * MINUTE)).toEqual({ kind: 'notYet' });
    const outcome = classify(notInstalled, 11 * MINUTE);
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.error).toMatchObject({ code: 'AGENT_APP_NOT_FOUND', action: 'reconnect', params: { minutes: 11 } });
    expect(outcome.error.message).toMatch(/pre-authori[sz]ed.*Sales_Agent_Permission_Set/);
    expect(outcome.error.message).toMatch(/My Domain/);
    expect(outcome.error.message).toMatch(/Consumer Key/);
  });
});

import { describe, expect, it } from 'vitest';
import { countRequests, kindSummary, requestKind, TOKEN_GRANT } from './requests';

const data = (path: string) => `/services/data/v66.0${path}`;

describe('request classification', () => {
  it('names each kind of Salesforce request the way the table shows it', () => {
    expect(requestKind({ method: 'POST', path: '/services/oauth2/token' })).toBe(TOKEN_GRANT);
    expect(requestKind({ method: 'GET', path: '/services/oauth2/userinfo' })).toBe('oauth userinfo');
    expect(requestKind({ method: 'POST', path: data('/composite') })).toBe('composite');
    expect(requestKind({ method: 'POST', path: data('/composite/sobjects') })).toBe('collections');
    expect(requestKind({ method: 'DELETE', path: data('/composite/sobjects') })).toBe('collections');
    expect(requestKind({ method: 'GET', path: data('/query') })).toBe('query');
    expect(requestKind({ method: 'GET', path: data('/sobjects') })).toBe('describe global');
    expect(requestKind({ method: 'GET', path: data('/sobjects/Account/describe') })).toBe('describe');
    expect(requestKind({ method: 'POST', path: data('/sobjects/FieldPermissions') })).toBe('sobject POST');
    expect(requestKind({ method: 'PATCH', path: data('/sobjects/User/005000000000001') })).toBe('sobject PATCH');
    expect(requestKind({ method: 'POST', path: '/services/Soap/m/66.0', soapOperation: 'createMetadata' })).toBe('metadata createMetadata');
    expect(requestKind({ method: 'GET', path: '/favicon.ico' })).toBe('other');
  });

  it('counts token grants apart from the Salesforce requests and sums the org time by kind', () => {
    const count = countRequests([
      { method: 'POST', path: data('/composite'), status: 200, durationMs: 120 },
      { method: 'POST', path: data('/composite'), status: 200, durationMs: 80 },
      { method: 'POST', path: '/services/Soap/m/66.0', soapOperation: 'readMetadata', status: 200, durationMs: 50 },
      { method: 'POST', path: '/services/oauth2/token', status: 400, durationMs: 30 },
      { method: 'POST', path: '/services/oauth2/token', status: 200, durationMs: 30 },
    ]);
    expect(count.salesforce).toBe(3);
    expect(count.tokenGrants).toBe(2);
    expect(count.failed).toBe(1);
    expect(count.byKind).toEqual({ composite: 2, 'metadata readMetadata': 1 });
    expect(count.orgMs).toBe(250);
    expect(count.orgMsByKind).toEqual({ composite: 200, 'metadata readMetadata': 50 });
  });

  it('lists the most frequent kinds first', () => {
    expect(kindSummary({ query: 2, 'sobject POST': 40, describe: 2 })).toBe('sobject POST ×40, describe ×2, query ×2');
  });
});

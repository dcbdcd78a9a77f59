import { describe, expect, it } from 'vitest';
import { apiLimitError, edgeAppError } from './api-limit';
import { SalesforceError } from './errors';
import type { OrgClient } from './org-client';

describe('the API limit in words (fact API-REQUEST-LIMIT)', () => {
  it('at an edge, a Salesforce failure no operation explained is named for what it is', () => {
    expect(edgeAppError(new SalesforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))).toMatchObject({
      code: 'REQUEST_LIMIT_EXCEEDED',
      message: expect.stringMatching(/reached its API request limit.*last 24 hours/),
    });
    expect(edgeAppError(new SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid'))).toMatchObject({
      code: 'SESSION_EXPIRED',
    });
    expect(edgeAppError(new Error('a bug of ours'))).toMatchObject({ code: 'INTERNAL' });
  });

  it('gives the org’s figures where /limits answers, and still names the limit where it does not', async () => {
    const answering = { limits: () => Promise.resolve({ DailyApiRequests: { Max: 15000, Remaining: 0 } }) } as unknown as OrgClient;
    const silent = { limits: () => Promise.reject(new SalesforceError('REQUEST_LIMIT_EXCEEDED', 'x')) } as unknown as OrgClient;
    expect((await apiLimitError(answering, 'the enable run')).message).toMatch(
      /\(DailyApiRequests: 0 of 15000 left\), so the enable run stopped/,
    );
    expect(await apiLimitError(silent, 'the enable run')).toMatchObject({
      code: 'REQUEST_LIMIT_EXCEEDED',
      params: { detail: 'REQUEST_LIMIT_EXCEEDED' },
    });
  });
});

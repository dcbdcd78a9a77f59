import { describe, expect, it } from 'vitest';
import { SalesforceError } from './errors';
import { createFileCalls, type SoapFileApi } from './metadata-deploy';
import { componentXml } from './metadata-files';
import { strToU8, zipSync } from 'fflate';
import type { RetryPolicy } from './retry';

/** A fake org: each check answers the next status; the pauses the client takes are recorded. */
function fakeOrg(statuses: unknown[]) {
  const pauses: number[] = [];
  const sent: { zip: string; options: Record<string, boolean> }[] = [];
  let checks = 0;
  const api: SoapFileApi = {
    deploy: (zip, options) => {
      sent.push({ zip, options });
      return Promise.resolve({ id: '0Af000000000001', done: false, state: 'Queued' });
    },
    checkDeployStatus: () => Promise.resolve(statuses[Math.min(checks++, statuses.length - 1)]),
    retrieve: () => Promise.resolve({ id: '09S000000000001', done: false }),
    checkRetrieveStatus: () => Promise.resolve(statuses[Math.min(checks++, statuses.length - 1)]),
  };
  const retry: RetryPolicy = {
    attempts: 3,
    baseDelayMs: 1,
    maxDelayMs: 1,
    sleep: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
  };
  return { api, retry, pauses, sent, checks: () => checks };
}

const inProgress = { done: false, status: 'InProgress', success: false };
const succeeded = { done: true, status: 'Succeeded', success: true, details: { componentFailures: [], componentSuccesses: [] } };

describe('deploys for an org that refuses the CRUD calls (fact ECA-CRUD-CALLS)', () => {
  it('polls with a doubling pause, capped, until Salesforce says the deploy is done', async () => {
    const org = fakeOrg([inProgress, inProgress, inProgress, inProgress, inProgress, succeeded]);
    await createFileCalls(org.api, () => '66.0', org.retry).save('ExternalClientApplication', [{ fullName: 'A', label: 'A' }]);
    expect(org.pauses).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(org.sent[0]?.options).toEqual({ ignoreWarnings: false, rollbackOnError: true, singlePackage: true });
  });

  it('a refused component comes back as an error naming it, in Salesforce’s words', async () => {
    const failed = {
      done: true,
      status: 'Failed',
      success: false,
      details: {
        componentFailures: [
          {
            componentType: 'ExtlClntAppGlobalOauthSettings',
            fullName: 'G',
            problem: 'You cannot provide a Consumer Key',
            success: 'false',
          },
        ],
        componentSuccesses: [],
      },
    };
    const org = fakeOrg([failed]);
    const error = await createFileCalls(org.api, () => '66.0', org.retry)
      .save('ExtlClntAppGlobalOauthSettings', [{ fullName: 'G' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error).toMatchObject({ code: 'DEPLOY_FAILED', message: 'ExtlClntAppGlobalOauthSettings G: You cannot provide a Consumer Key' });
  });

  it('a removal ignores warnings and reports names that were already gone', async () => {
    const done = {
      ...succeeded,
      details: {
        componentFailures: [],
        componentSuccesses: [
          {
            componentType: 'ExternalClientApplication',
            fullName: 'Gone',
            problem: 'No ExternalClientApplication named: Gone found',
            problemType: 'Warning',
            success: true,
          },
          { componentType: 'ExternalClientApplication', fullName: 'Here', success: true },
        ],
      },
    };
    const org = fakeOrg([done]);
    const result = await createFileCalls(org.api, () => '66.0', org.retry).remove('ExternalClientApplication', ['Gone', 'Here']);
    expect(result).toEqual({ missing: ['Gone'] });
    expect(org.sent[0]?.options.ignoreWarnings).toBe(true);
  });

  it('a cancelled run stops waiting between polls', async () => {
    const controller = new AbortController();
    const org = fakeOrg([inProgress]);
    const calls = createFileCalls(
      org.api,
      () => '66.0',
      {
        ...org.retry,
        sleep: () => {
          if (org.checks() >= 2) controller.abort(new Error('Cancelled by the admin.'));
          return Promise.resolve();
        },
      },
      controller.signal,
    );
    await expect(calls.save('ExternalClientApplication', [{ fullName: 'A' }])).rejects.toThrow('Cancelled by the admin.');
    expect(org.checks()).toBe(2);
  });

  it('a read is a retrieve, answered with the components the zip holds', async () => {
    const zipFile = Buffer.from(
      zipSync({
        'extlClntAppGlobalOauthSets/G.ecaGlblOauth': strToU8(
          componentXml('ExtlClntAppGlobalOauthSettings', { fullName: 'G', consumerKey: 'K' }),
        ),
      }),
    ).toString('base64');
    const org = fakeOrg([
      { done: false, status: 'InProgress' },
      { done: true, status: 'Succeeded', zipFile },
    ]);
    const read = await createFileCalls(org.api, () => '66.0', org.retry).read('ExtlClntAppGlobalOauthSettings', ['G', 'Missing']);
    expect(read).toEqual([{ fullName: 'G', consumerKey: 'K' }]);
  });
});

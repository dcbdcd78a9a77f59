import { z } from 'zod';
import { appError, AppFailure, toAppError, type AppError } from '../../common/app-error-schema';
import { apiLimitText, salesforceAppError, SalesforceError, toSalesforceError } from './errors';
import type { OrgClient } from './org-client';

const limitsSchema = z.object({ DailyApiRequests: z.object({ Max: z.number(), Remaining: z.number() }) });

/**
 * The org's API request limit, named as such (fact API-REQUEST-LIMIT): with the figures `/limits`
 * gives where it answers. It states no reset time: the allowance is counted over the last 24 hours.
 */
export async function apiLimitError(client: OrgClient, doing: string): Promise<AppError> {
  const parsed = limitsSchema.safeParse(await client.limits().catch(() => null));
  const daily = parsed.success ? parsed.data.DailyApiRequests : null;
  return appError('REQUEST_LIMIT_EXCEEDED', apiLimitText(doing, daily), {
    action: 'retry',
    params: { detail: 'REQUEST_LIMIT_EXCEEDED', ...(daily && { remaining: daily.Remaining, max: daily.Max }) },
  });
}

/** An API limit reported without the org's figures yet (raw, or named by a step): the run asks `/limits` once. */
export const isApiLimit = (thrown: unknown): boolean =>
  thrown instanceof AppFailure
    ? thrown.error.code === 'REQUEST_LIMIT_EXCEEDED' && thrown.error.params?.max === undefined
    : toSalesforceError(thrown).code === 'REQUEST_LIMIT_EXCEEDED';

/**
 * At an edge (transport, CLI): a Salesforce failure no operation explained is still named for what
 * it is (the API limit, a dropped connection, an ended session), never "something went wrong".
 */
export function edgeAppError(thrown: unknown): AppError {
  // Only what the org client raised: any other failure is ours, and hides its details.
  if (thrown instanceof SalesforceError) return salesforceAppError(thrown, 'the last action');
  return toAppError(thrown);
}

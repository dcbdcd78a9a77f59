import { z } from 'zod';
import { appError, AppFailure, type AppError } from '../../common/app-error-schema';
import { toSalesforceError } from '../salesforce/errors';

/** The admin's tokens and where they work; they never leave main. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  instanceUrl: string;
  orgId: string;
  userId: string;
}

const idUrl = z
  .string()
  .url()
  .transform((value, ctx) => {
    // `https://login.salesforce.com/id/<00D org id>/<005 user id>` (fact OAUTH-ENDPOINTS)
    const [orgId, userId] = new URL(value).pathname.split('/').filter(Boolean).slice(-2);
    if (!orgId || !userId || !/^00D[A-Za-z0-9]{12,15}$/.test(orgId) || !/^005[A-Za-z0-9]{12,15}$/.test(userId)) {
      ctx.addIssue({ code: 'custom', message: 'not an identity URL' });
      return z.NEVER;
    }
    return { orgId, userId };
  });

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  instance_url: z.string().url(),
  id: idUrl,
});

/** Parses a token endpoint answer (authorization code or refresh grant). */
export function parseTokenResponse(raw: unknown): TokenSet {
  const parsed = tokenResponseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppFailure(
      appError('SIGN_IN_FAILED', 'Salesforce sent a sign-in answer Agent Connections does not understand. Try again.', {
        action: 'signIn',
      }),
    );
  }
  const { access_token, refresh_token, instance_url, id } = parsed.data;
  return {
    accessToken: access_token,
    ...(refresh_token ? { refreshToken: refresh_token } : {}),
    instanceUrl: new URL(instance_url).origin,
    ...id,
  };
}

/** jsforce throws token endpoint errors with `name` = the OAuth `error` (e.g. invalid_grant). */
export function isRejectedGrant(thrown: unknown): boolean {
  return (
    thrown instanceof Error && (thrown.name === 'invalid_grant' || thrown.name === 'invalid_client_id' || thrown.name === 'invalid_client')
  );
}

/** A failed token request, as the admin should read it. */
export function tokenRequestError(thrown: unknown): AppError {
  if (thrown instanceof AppFailure) return thrown.error;
  const error = toSalesforceError(thrown);
  if (error.code === 'NETWORK_ERROR') {
    return appError('SALESFORCE_UNREACHABLE', 'Salesforce could not be reached to finish the sign-in. Check the network and try again.', {
      action: 'signIn',
    });
  }
  const detail = thrown instanceof Error && thrown.message ? thrown.message : error.code;
  return appError('SIGN_IN_FAILED', `Salesforce refused the sign-in: ${detail}`, { action: 'signIn', params: { detail } });
}

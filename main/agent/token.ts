import { z } from 'zod';
import { signJwt } from './keys';

const tokenResponseSchema = z.object({ access_token: z.string(), instance_url: z.string() });
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
/** Limits and outages come back in the REST shape, not OAuth's (e.g. REQUEST_LIMIT_EXCEEDED with 403). */
const restErrorSchema = z.array(z.object({ errorCode: z.string(), message: z.string() }));

export type AgentTokenResult =
  | { ok: true; accessToken: string; instanceUrl: string }
  /** status: the HTTP status, 0 when Salesforce could not be reached at all. */
  | { ok: false; error: string; description: string; status: number };

export interface AgentTokenRequest {
  /** The My Domain (instance) URL: the token endpoint the agent uses. */
  instanceUrl: string;
  /** The JWT audience: by the org's type, never the host the token is requested from (fact JWT-AUDIENCE). */
  audience: string;
  consumerKey: string;
  username: string;
  privateKeyPem: string;
  now: Date;
}

/** The agent's own sign-in: an RS256 JWT bearer grant (RFC 7523) with the key only this computer holds. */
export async function requestAgentToken(request: AgentTokenRequest): Promise<AgentTokenResult> {
  const assertion = signJwt(
    { iss: request.consumerKey, sub: request.username, aud: request.audience, exp: Math.floor(request.now.getTime() / 1000) + 180 },
    request.privateKeyPem,
  );
  let response: Response;
  try {
    response = await fetch(`${request.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    });
  } catch {
    return { ok: false, error: 'network_error', description: 'Salesforce could not be reached.', status: 0 };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = tokenResponseSchema.safeParse(body);
    if (parsed.success) return { ok: true, accessToken: parsed.data.access_token, instanceUrl: parsed.data.instance_url };
  }
  const error = tokenErrorSchema.safeParse(body);
  if (error.success)
    return { ok: false, error: error.data.error, description: error.data.error_description ?? error.data.error, status: response.status };
  const rest = restErrorSchema.safeParse(body);
  const first = rest.success ? rest.data[0] : undefined;
  if (first) return { ok: false, error: first.errorCode, description: first.message, status: response.status };
  return {
    ok: false,
    error: `http_${response.status}`,
    description: `Salesforce answered HTTP ${response.status}.`,
    status: response.status,
  };
}

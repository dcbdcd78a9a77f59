/** The two audiences Salesforce accepts from a JWT bearer client outside an Experience Cloud site (fact JWT-AUDIENCE). */
export const PRODUCTION_AUDIENCE = 'https://login.salesforce.com';
export const SANDBOX_AUDIENCE = 'https://test.salesforce.com';

/**
 * The `aud` of the agent's JWT. It follows the org's type (fact ORG-TYPE), never the host the token is
 * sent to: a My Domain origin is refused as the audience (fact JWT-AUDIENCE). An org profile may name
 * another one (an Experience Cloud site) for the cases this rule does not cover.
 */
export function jwtAudienceOf(isSandbox: boolean, override?: string): string {
  if (override) return override;
  return isSandbox ? SANDBOX_AUDIENCE : PRODUCTION_AUDIENCE;
}

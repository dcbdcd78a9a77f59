import { OAuth2 } from 'jsforce';
import type { Logger } from '../log';

/**
 * Revokes tokens at Salesforce (POST /services/oauth2/revoke on the org's My Domain, which works
 * for every environment and needs no org profile). Sign-out must still succeed locally
 * when Salesforce cannot be reached or already forgot a token, so failures are logged, not thrown.
 */
export async function revokeTokens(myDomainUrl: string, tokens: readonly (string | undefined)[], log: Logger): Promise<void> {
  const oauth2 = new OAuth2({ loginUrl: myDomainUrl });
  for (const token of tokens) {
    if (!token) continue;
    try {
      await oauth2.revokeToken(token);
    } catch (thrown) {
      log.warn('Salesforce did not confirm revoking a token; it is removed from this computer anyway.', {
        reason: thrown instanceof Error ? thrown.name : 'unknown',
      });
    }
  }
}

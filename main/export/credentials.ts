import type { OutgoingFile } from '../host-seams';
import { encryptPrivateKey } from './encrypted-pkcs8';

export interface AgentCredentialsInput {
  orgId: string;
  /** The External Client App's Salesforce id: tells a file of an earlier app from the current one. */
  appId: string;
  consumerKey: string;
  /** The certificate's SHA-256 fingerprint: tells a file of an earlier certificate (Rotate key) apart. */
  certificateFingerprint: string | null;
  username: string;
  myDomainUrl: string;
  /** The JWT audience the agent must use (fact JWT-AUDIENCE). */
  audience: string;
  privateKeyPem: string;
  /** When the file was made (ISO): named when an agent's file turns out to belong to an earlier app. */
  exportedAt: string;
}

/**
 * The one export that carries a secret, on explicit request: the private key as encrypted PKCS#8
 * (PBKDF2-SHA256 and AES-256-CBC under the admin's passphrase), with what the agent needs to sign its JWT.
 */
export async function agentCredentialsFile(input: AgentCredentialsInput, passphrase: string): Promise<OutgoingFile> {
  const privateKey = await encryptPrivateKey(input.privateKeyPem, passphrase);
  const content = JSON.stringify(
    {
      kind: 'agent-connections/jwt-bearer-credentials',
      version: 1,
      exportedAt: input.exportedAt,
      orgId: input.orgId,
      appId: input.appId,
      myDomainUrl: input.myDomainUrl,
      tokenUrl: `${input.myDomainUrl}/services/oauth2/token`,
      audience: input.audience,
      consumerKey: input.consumerKey,
      certificateFingerprint: input.certificateFingerprint,
      username: input.username,
      privateKey,
    },
    null,
    2,
  );
  return { fileName: `agent-credentials-${input.orgId}.json`, mimeType: 'application/json', content };
}

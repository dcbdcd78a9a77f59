import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fail } from '../../../common/app-error-schema';
import { requestAgentToken } from '../../agent/token';
import { createLogger, type Logger } from '../../log';
import { UsageError, type CliCommand } from '../command';
import { earlierFileMessage, localConnection } from './earlier-credentials';
import { readPassphrase } from '../passphrase';

/** The file `export-credentials` writes (main/export/credentials.ts): what the agent is given. */
const credentialsSchema = z.object({
  kind: z.literal('agent-connections/jwt-bearer-credentials'),
  orgId: z.string().min(1),
  /** Files written before these were carried lack them: the consumer key alone then tells apps apart. */
  exportedAt: z.string().optional(),
  appId: z.string().optional(),
  certificateFingerprint: z.string().nullable().optional(),
  myDomainUrl: z.string().url(),
  audience: z.string().url(),
  consumerKey: z.string().min(1),
  username: z.string().min(1),
  privateKey: z.string().includes('BEGIN ENCRYPTED PRIVATE KEY'),
});
type AgentCredentials = z.infer<typeof credentialsSchema>;

async function readCredentials(path: string): Promise<AgentCredentials> {
  const raw = await readFile(path, 'utf8').catch(() => {
    throw new UsageError(`Cannot read ${path}.`, false);
  });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = credentialsSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${path} is not an agent credentials file (write one with export-credentials).`, false);
  return parsed.data;
}

/** The key as the agent would open it: encrypted PKCS#8 under the passphrase, read by Node's own crypto. */
function decryptKey(credentials: AgentCredentials, passphrase: string, log: Logger): string {
  try {
    const pem = createPrivateKey({ key: credentials.privateKey, format: 'pem', passphrase })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
    log.registerSecret(pem);
    return pem;
  } catch {
    return fail('PASSPHRASE_INVALID', 'The passphrase does not open the private key in this credentials file.');
  }
}

/**
 * Signs in exactly as the agent does (JWT bearer at the My Domain token endpoint, with the audience
 * from the file) and prints the access token on stdout only, for testing an agent's integration.
 */
const agentToken: CliCommand = {
  name: 'agent-token',
  summary: 'Print a fresh access token obtained as the agent would, from an exported credentials file.',
  usage: '--credentials FILE  (passphrase: prompt, or AGENT_CREDENTIALS_PASSPHRASE)',
  options: { credentials: { type: 'string' } },
  profile: 'chooses',
  async run(context) {
    const path = context.values.credentials;
    if (typeof path !== 'string') throw new UsageError('--credentials FILE is required.');
    // Diagnostics of this command never carry the passphrase, the key or the token.
    const log = createLogger((line) => context.io.err(`${line.level}: ${line.message}`));
    const credentials = await readCredentials(path);
    const passphrase = await readPassphrase(context.io.env, 'open');
    log.registerSecret(passphrase);
    const privateKeyPem = decryptKey(credentials, passphrase, log);
    const { myDomainUrl: instanceUrl, audience, consumerKey, username } = credentials;
    const result = await requestAgentToken({ instanceUrl, audience, consumerKey, username, privateKeyPem, now: new Date() });
    if (!result.ok) {
      const refusal = `${result.error} (${result.description})`;
      const earlier = earlierFileMessage(credentials, localConnection(credentials.orgId), result.error, refusal);
      if (earlier) fail('CREDENTIALS_FROM_EARLIER_APP', earlier);
      fail('AGENT_SIGN_IN_REFUSED', `Salesforce refused the agent's sign-in as ${username}: ${refusal}.`);
    }
    log.registerSecret(result.accessToken);
    context.result({ accessToken: result.accessToken });
    context.io.out(result.accessToken);
    return 0;
  },
};

export const agentTokenCommands: CliCommand[] = [agentToken];

import type { ExportFormat } from '../../common';
import { fail } from '../../common/app-error-schema';
import { connectionReport } from '../export/connection-report';
import { agentCredentialsFile } from '../export/credentials';
import type { OutgoingFile } from '../host-seams';
import type { ConnectionCore } from './run/core';
import { connectionDetails, setupUrl } from './record/details';
import { artifactNames } from './org/names';
import { createAdminGate, type HandOverInput } from './run/admin-gate';
import { agentPrivateKey } from './steps/key-pair';

/** What leaves the app about the connection: its details, the agent's credentials, a Setup link. */
export function createConnectionExports(core: ConnectionCore) {
  const { deps } = core;

  /** The key leaves only for a freshly confirmed admin of the connection (run/admin-gate.ts). */
  const connectionAdmin = createAdminGate(core);

  return {
    async exportDetails(format: ExportFormat): Promise<OutgoingFile> {
      const { orgId, record } = core.requireRecord();
      const admin = await core.session();
      const file = connectionReport(connectionDetails(orgId, record, deps.now()), format, deps.now());
      deps.audit.append({
        actor: admin.identity.username,
        orgId,
        operation: 'connection.export',
        result: 'success',
        summary: `Exported connection details as ${format}.`,
        artifacts: [],
      });
      return file;
    },
    async exportCredentials(passphrase: string, options: HandOverInput = {}): Promise<OutgoingFile> {
      if (passphrase.length < 12) fail('PASSPHRASE_INVALID', 'Use a passphrase of at least 12 characters.');
      deps.log.registerSecret(passphrase);
      const { orgId, record } = core.requireRecord();
      const admin = await connectionAdmin('exportCredentials', { ...options, confirmed: true, orgId });
      const names = artifactNames(record.agentName);
      const privateKeyPem = await agentPrivateKey({ vault: deps.vault, orgId, names });
      const consumerKey = record.artifacts.app?.consumerKey;
      const username = record.artifacts.integrationUser?.username;
      if (!privateKeyPem || !consumerKey || !username)
        fail('EXPORT_FAILED', "The agent's private key is not on this computer. Recreate the connection to make a new one.", {
          action: 'recreate',
        });
      const file = await agentCredentialsFile(
        { orgId, consumerKey, username, myDomainUrl: record.org.myDomainUrl, audience: record.org.audience, privateKeyPem },
        passphrase,
      );
      const summary = 'Exported the agent credentials (private key encrypted with a passphrase).';
      deps.audit.append({
        actor: admin.identity.username,
        orgId,
        operation: 'connection.exportCredentials',
        result: 'success',
        summary,
        artifacts: [`app:${consumerKey}`],
      });
      return file;
    },
    setupUrl(artifact: 'app' | 'user' | 'permissionSet'): string {
      return setupUrl(core.requireRecord().record, artifact);
    },
  };
}

import type { ExportFormat } from '../../common';
import { AppFailure, fail } from '../../common/app-error-schema';
import type { AdminSession } from '../auth/session-source';
import { soqlQuote } from '../salesforce/org-client';
import { salesforceAppError } from '../salesforce/errors';
import type { ConnectionRecord } from './record/record-store';
import { credentialsOf } from './record/hand-over';
import { connectionReport } from '../export/connection-report';
import { agentCredentialsFile } from '../export/credentials';
import type { OutgoingFile } from '../host-seams';
import type { ConnectionCore } from './run/core';
import { connectionDetails, setupUrl } from './record/details';
import { artifactNames } from './org/names';
import { createAdminGate, type HandOverInput } from './run/admin-gate';
import { agentPrivateKey } from './steps/key-pair';
import { oauthSettings } from './review/review-body';

/**
 * The External Client App's Salesforce id, which the credentials file carries so a file of an earlier
 * app is told apart from the current one. A connection whose app is gone has nothing to hand over.
 */
async function appIdInOrg(core: ConnectionCore, admin: AdminSession, appApiName: string): Promise<string> {
  const rows = await core.contexts
    .orgClient(admin)
    .query(`SELECT Id FROM ExternalClientApplication WHERE DeveloperName = ${soqlQuote(appApiName)}`)
    .catch((error: unknown) => {
      throw new AppFailure(salesforceAppError(error, 'looking up the external client app'));
    });
  const id = rows[0]?.Id;
  if (typeof id === 'string' && id !== '') return id;
  return fail(
    'EXPORT_FAILED',
    `The external client app ${appApiName} is no longer in the org, so credentials for it would not work. Reconnect to rebuild it, then export again.`,
    { action: 'reconnect' },
  );
}

function withAppId(record: ConnectionRecord, id: string): ConnectionRecord {
  return record.artifacts.app?.id === id ? record : { ...record, artifacts: { ...record.artifacts, app: { ...record.artifacts.app, id } } };
}

/** The credentials file of the connection as it is now, with what identifies the app and certificate it is for. */
async function credentialsFile(core: ConnectionCore, admin: AdminSession, orgId: string, record: ConnectionRecord, passphrase: string) {
  const { deps } = core;
  const names = artifactNames(record.agentName);
  const privateKeyPem = await agentPrivateKey({ vault: deps.vault, orgId, names });
  const consumerKey = record.artifacts.app?.consumerKey;
  const username = record.artifacts.integrationUser?.username;
  const print = credentialsOf(record.artifacts);
  if (!privateKeyPem || !consumerKey || !username || !print)
    fail('EXPORT_FAILED', "The agent's private key is not on this computer. Recreate the connection to make a new one.", {
      action: 'recreate',
    });
  const appId = record.artifacts.app?.id ?? (await appIdInOrg(core, admin, names.appApiName));
  const at = deps.now().toISOString();
  const file = await agentCredentialsFile(
    {
      orgId,
      appId,
      consumerKey,
      certificateFingerprint: print.fingerprint,
      username,
      myDomainUrl: record.org.myDomainUrl,
      audience: record.org.audience,
      privateKeyPem,
      exportedAt: at,
    },
    passphrase,
  );
  return { file, print, appId, at, consumerKey };
}

/** What leaves the app about the connection: its details, the agent's credentials, a Setup link. */
export function createConnectionExports(core: ConnectionCore) {
  const { deps } = core;

  /** The key leaves only for a freshly confirmed admin of the connection (run/admin-gate.ts). */
  const connectionAdmin = createAdminGate(core);

  return {
    async exportDetails(format: ExportFormat): Promise<OutgoingFile> {
      const { orgId, record } = core.requireRecord();
      const admin = await core.session();
      const { flow, scopes, preAuthorisedPermissionSet, ipPolicy } = oauthSettings(artifactNames(record.agentName), deps.now(), 0);
      const context = { status: core.state().status, oauth: { flow, scopes, preAuthorisedPermissionSet, ipPolicy } };
      const file = connectionReport(connectionDetails(orgId, record, deps.now()), format, deps.now(), context);
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
      const { orgId } = core.requireRecord();
      const admin = await connectionAdmin('exportCredentials', { ...options, confirmed: true, orgId });
      // Read after the gate: a confirmed hand-over has just made this admin the owner on record.
      const { record } = core.requireRecord();
      const { file, print, appId, at, consumerKey } = await credentialsFile(core, admin, orgId, record, passphrase);
      // What the agent now holds: the hand-over banner goes once this matches the connection.
      const exported = { ...print, appId, at };
      deps.records.update(orgId, { record: withAppId(record, appId), credentialsExport: exported }, false);
      core.changed();
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

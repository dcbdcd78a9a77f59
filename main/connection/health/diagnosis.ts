import type { CheckProblem, Drift, Grant } from '../../../common';
import { AppFailure, type AppError } from '../../../common/app-error-schema';
import type { OrgClient } from '../../salesforce/client';
import { isTransient, toSalesforceError } from '../../salesforce/errors';
import type { Sleep } from '../../salesforce/retry';
import { connectionOwnedElsewhere } from '../org/messages';
import { artifactNames } from '../org/names';
import { connectionCertificate } from '../record/certificate-expiry';
import { setupUrl } from '../record/details';
import type { ConnectionRecord, ConnectionRecordStore } from '../record/record-store';
import { agentSignIn, type TokenFailure } from './agent-sign-in';
import { compare, driftVerdict, readArtifacts, type OrgArtifactsState } from './drift';
import {
  agentKeyNotHere,
  checkNoAnswer,
  checkReadsNoAnswer,
  connectionGone,
  connectionNeedsRepair,
  repairableParts,
  type OrgFinding,
} from './health-messages';
import { certificateExpired, readLoginState, signInRefusal, type LoginState } from './sign-in-reasons';

export interface DiagnoseInput {
  client: OrgClient;
  record: ConnectionRecord;
  /** The Salesforce API Integration licence's id, when discovery found it (a scheduled check skips discovery). */
  pslId: string | null;
  installId: string;
  desired: readonly Grant[];
  privateKeyPem: string | undefined;
  now: () => Date;
  sleep: Sleep;
}

export interface Verdict {
  status: 'connected' | 'drift' | 'error';
  error?: AppError;
  drift: Drift;
  agentTokenOk: boolean;
}

/**
 * One check's finding. Only a `verdict` reached the org and may be written to the shared state;
 * `transient` (Salesforce did not answer, or limits the org) and `local` (this computer lacks the
 * agent's key) leave the last real verdict standing.
 */
export type Diagnosis = ({ kind: 'verdict' } & Verdict) | { kind: CheckProblem['kind']; error: AppError };

/** What changed in the org, part by part, named as Setup names it (the user's last change: when and by whom). */
function findingsOf(state: OrgArtifactsState, record: ConnectionRecord): OrgFinding[] {
  const names = artifactNames(record.agentName);
  const username = record.artifacts.integrationUser?.username ?? names.userDisplayName;
  const found: OrgFinding[] = [];
  if (!state.app) found.push({ part: 'app', name: names.appLabel });
  if (!state.user.exists) found.push({ part: 'user', name: username });
  else if (!state.user.active)
    found.push({
      part: 'userInactive',
      name: username,
      ...(state.user.changedAt && { at: state.user.changedAt }),
      ...(state.user.changedBy && { by: state.user.changedBy }),
    });
  if (!state.permissionSet) found.push({ part: 'permissionSet', name: names.permissionSetLabel });
  if (!state.assignment) found.push({ part: 'assignment', name: names.permissionSetLabel });
  if (!state.licence) found.push({ part: 'licence', name: 'Salesforce API Integration' });
  return found;
}

const brokenError = (found: readonly OrgFinding[]): AppError =>
  found.every((f) => repairableParts.includes(f.part)) ? connectionNeedsRepair(found) : connectionGone(found);

/** The org's reads, or the transient failure that kept the check from reaching a verdict. */
async function readOrNoAnswer(input: DiagnoseInput): Promise<OrgArtifactsState | Diagnosis> {
  try {
    return await readArtifacts(input.client, input.record, input.pslId, input.installId);
  } catch (thrown) {
    return noAnswer(thrown);
  }
}

/** Codes an operation gives a Salesforce that did not answer, or limits the org's API use. */
const noAnswerCodes = new Set(['SALESFORCE_UNREACHABLE', 'REQUEST_LIMIT_EXCEEDED']);

/** A read that got no answer (after the client's own retries) is a transient finding; anything else is rethrown. */
export function noAnswer(thrown: unknown): Diagnosis {
  if (thrown instanceof AppFailure && noAnswerCodes.has(thrown.error.code))
    return { kind: 'transient', error: checkReadsNoAnswer(thrown.error.code, thrown.error.code === 'REQUEST_LIMIT_EXCEEDED') };
  if (!isTransient(thrown)) throw thrown;
  const error = toSalesforceError(thrown);
  return { kind: 'transient', error: checkReadsNoAnswer(error.code, error.code === 'REQUEST_LIMIT_EXCEEDED') };
}

/** Why the agent was refused: UserLogin tells frozen and locked users apart (it is read only now). */
async function refusal(input: DiagnoseInput, failure: TokenFailure): Promise<AppError> {
  const { record } = input;
  const userId = record.artifacts.integrationUser?.id ?? '';
  const login: LoginState = await readLoginState(input.client, userId).catch(() => ({ frozen: false, locked: false }));
  const names = artifactNames(record.agentName);
  return signInRefusal(failure, login, {
    username: record.artifacts.integrationUser?.username ?? names.userDisplayName,
    appLabel: names.appLabel,
    permissionSet: names.permissionSetLabel,
    setup: { user: setupUrl(record, 'user'), app: setupUrl(record, 'app') },
  });
}

/** Reads the connection's parts, then signs in as the agent, and says what that shows (health/README.md). */
export async function diagnose(input: DiagnoseInput): Promise<Diagnosis> {
  const { record } = input;
  const state = await readOrNoAnswer(input);
  if ('kind' in state) return state;
  const drift = compare(state, input.desired, record.grants, true);
  const refused = (error: AppError, part: string): Diagnosis => ({
    kind: 'verdict',
    status: 'error',
    error,
    drift: { ...drift, brokenArtifacts: [...drift.brokenArtifacts, part] },
    agentTokenOk: false,
  });
  if (state.ownedElsewhere)
    return { kind: 'verdict', status: 'error', error: connectionOwnedElsewhere('reconnect'), drift, agentTokenOk: false };
  const found = findingsOf(state, record);
  if (found.length > 0) return { kind: 'verdict', status: 'error', error: brokenError(found), drift, agentTokenOk: false };
  const certificate = connectionCertificate(record.artifacts, input.now());
  if (certificate?.warning === 'expired') return refused(certificateExpired(certificate.notAfter), 'certificate expired');
  const signIn = await agentSignIn(record, input.privateKeyPem, input.now, input.sleep);
  if (signIn.kind === 'noKey') return { kind: 'local', error: agentKeyNotHere() };
  if (signIn.kind === 'transient') return { kind: 'transient', error: checkNoAnswer(signIn.failure) };
  if (signIn.kind === 'refused') return refused(await refusal(input, signIn.failure), 'agent sign-in');
  return { kind: 'verdict', ...driftVerdict(drift), drift, agentTokenOk: true };
}

/**
 * Writes a verdict to the shared state (records); a check that reached none writes nothing there,
 * so another computer's or an earlier check's real verdict stands. Returns the problem to show.
 */
export function recordDiagnosis(
  records: ConnectionRecordStore,
  orgId: string,
  record: ConnectionRecord,
  diagnosis: Diagnosis,
  checkedAt: string,
  focus?: boolean,
): CheckProblem | null {
  if (diagnosis.kind !== 'verdict') return { kind: diagnosis.kind, checkedAt, error: diagnosis.error };
  const { status, error, drift, agentTokenOk } = diagnosis;
  const lastVerifiedAt = status === 'connected' && agentTokenOk ? checkedAt : record.lastVerifiedAt;
  records.update(orgId, { status, error, drift, record: { ...record, lastVerifiedAt, lastCheckedAt: checkedAt } }, focus);
  return null;
}

import type { ActivationProgress, Grant, RemovalStepId, StepId, StepNoteKey, UserDefaultsOverride, UserFieldValues } from '../../../common';
import type { DesiredAccess } from '../../agent/grants';
import type { AgentKeyPair } from '../../agent/keys';
import type { AgentTokenResult } from '../../agent/token';
import type { Logger } from '../../log';
import type { CompositeSubrequest, OrgClient } from '../../salesforce/client';
import type { RetryPolicy, Sleep } from '../../salesforce/retry';
import type { SecretVault } from '../../store/vault';
import type { Artifacts, StepResult } from './results';
import type { OrgSnapshot } from '../org/discovery';
import type { ArtifactNames } from '../org/names';
import type { ExistingGrants } from '../org/grant-rows';

/** Everything a step needs; steps keep no state of their own between runs. */
export interface StepContext {
  client: OrgClient;
  names: ArtifactNames;
  orgId: string;
  /** The `aud` of the agent's JWT: set by the org's type, not by the host the admin signed in through (fact JWT-AUDIENCE). */
  audience: string;
  /** The org's My Domain (instance) URL: where the agent gets its token. */
  instanceUrl: string;
  desired: DesiredAccess;
  snapshot: OrgSnapshot;
  /** What earlier steps of this run (or the connection being changed) created or adopted. */
  artifacts: Artifacts;
  /** An earlier integration user of ours (e.g. deactivated by Disable): reactivated, never duplicated. */
  previousUser: { id: string; username: string } | null;
  vault: SecretVault;
  log: Logger;
  now(): Date;
  sleep: Sleep;
  retry: RetryPolicy;
  activationTimeoutMs: number;
  /** Setting `appNotFoundMinutes`: how long after the app changed `app_not_found` means "not yet". */
  appNotFoundWindowMs: number;
  /** Setting `certificateLifetimeDays`, read at the start of the run. */
  certificateLifetimeDays: number;
  onActivation(progress: ActivationProgress): void;
  /** A short admin-readable note on the step's progress line. */
  note(step: StepId, note: StepNoteKey): void;
  /** What the steps of one run hand each other and no journal keeps. */
  run: RunScratch;
  /**
   * Aborts when the admin cancels the run; the client, `sleep` and `retry` of this context observe it.
   * A roll-back runs with a context of its own whose signal never aborts (run-context.ts rollbackContext).
   */
  signal: AbortSignal;
  /** The agent's key pair, already being made (see keyPairInAdvance); absent when the key pair step makes its own. */
  pendingKeyPair?: Promise<AgentKeyPair>;
  /** Re-reads the org after a change may or may not have gone through. */
  refresh(): Promise<void>;
}

/** Handed between the steps of one run, never journaled (a resumed run looks again). */
export interface RunScratch {
  /** The permission set's grants as found by accessGrants' look-up, so its change adds only the missing ones. */
  existingGrants?: ExistingGrants;
  /** The token activation obtained, so verification reads as the agent without signing in again. */
  agentToken?: AgentTokenResult;
  /** An incomplete app of ours from an earlier attempt, to be removed before the new one is made. */
  replaceApp?: boolean;
  /** The permission set's rows as the confirmed plan showed them (org/org-prints.ts grantsPrint), checked at the first look-up. */
  reviewedGrants?: string;
  /** The integration username this run tries (a new one after Salesforce calls one taken). */
  username?: string;
  /** Our permission set whose description names another owner (a take-over): adopted and re-described. */
  redescribePermissionSet?: string;
  /** Update access: the grants this app made before (the connection record), and whether hand-added ones go too. */
  reconcile?: { recorded: readonly Grant[]; removeHandAdded: boolean };
  /** The admin's changes to the integration user's defaults from the review (fact USER-DEFAULTS). */
  userDefaults?: UserDefaultsOverride;
  /** The consumer key to ask for (a rebuild keeps the agent's); otherwise the app makes one of its own. */
  consumerKey?: string;
  /** Values for the User fields the org's setup asks for, entered in the review (fact USER-REQUIRED-FIELDS). */
  userFields?: UserFieldValues;
}

/** What taking something down needs: no look at the org first (Disable works from the connection record). */
export type RemovalContext = Pick<StepContext, 'client' | 'names' | 'orgId' | 'vault' | 'artifacts' | 'retry' | 'sleep' | 'signal'>;

/** A change expressed as Composite subrequests, so neighbouring steps can share one all-or-none request. */
export interface ComposedChange<K extends StepId = StepId> {
  requests: CompositeSubrequest[];
  /** What later steps in the same request may refer to (e.g. `@{user.id}`) before the ids exist. */
  provisional: StepResult<K>;
  accept(bodies: Map<string, unknown>): StepResult<K>;
}

/**
 * One provisioning step (docs/architecture.md): look first, adopt our own, refuse someone else's, then
 * create; and know how to take back what it created. Everything it hands on or is handed back is
 * its own result type (steps/results.ts); a list of different steps is a `Step` (of any step id).
 */
export interface Step<K extends StepId = StepId> {
  id: K;
  /** The step only checks the org and creates nothing: rollback has nothing to look for or take back. */
  changesNothing?: true;
  /** The removal step id shown when this step's work is taken down by Disable. */
  removalId?: RemovalStepId;
  /** What the step is about to create (names), written to the journal before it runs. */
  intent(ctx: StepContext): StepResult<K>;
  /** Our artifact already in the org (adopted), null if the step must create it; throws if someone else's. */
  find(ctx: StepContext): Promise<StepResult<K> | null>;
  apply(ctx: StepContext): Promise<StepResult<K>>;
  /** Optional: the same change as subrequests (only when nothing needs looking up first). */
  compose?(ctx: StepContext): ComposedChange<K> | null;
  /** A failure the step can get past by changing its plan (e.g. another username): true = send again. */
  retryOn?(ctx: StepContext, error: unknown, attempt: number): boolean;
  /** Turns a Salesforce failure of this step into the admin-facing error (throws). */
  explain?(ctx: StepContext, error: unknown): never;
  /** Removes what `result` names; tolerates things that are already gone. */
  undo(ctx: RemovalContext, result: StepResult<K>): Promise<void>;
  /** Optional: the same removal as subrequests, so neighbouring removals share one all-or-none Composite. */
  undoRequests?(result: StepResult<K>): CompositeSubrequest[];
  /** For the removal plan shown before Disable. */
  removalText?(ctx: Pick<StepContext, 'names'>, result: StepResult<K>): string;
  /** What the removal plan names (the app's or permission set's label, the username), for the renderer's own wording. */
  removalName?(ctx: Pick<StepContext, 'names'>, result: StepResult<K>): string;
}

import { jwtAudienceOf } from '../../agent/audience';
import { resolveAccess } from '../../agent/grants';
import type { AccessProfileStore } from '../../agent/profile-store';
import type { Logger } from '../../log';
import { createOrgClient, isReference, type OrgClient } from '../../salesforce/client';
import { abortableSleep, neverAborted, type RetryPolicy, type Sleep } from '../../salesforce/retry';
import type { AuditLog } from '../../store/audit-log';
import type { Journal } from '../../store/journal';
import type { SettingsRepository } from '../../store/settings-repository';
import type { SecretVault } from '../../store/vault';
import type { Artifacts } from '../steps/results';
import { discover } from '../org/discovery';
import { artifactNames, ownedDescription, type ArtifactNames } from '../org/names';
import { builtRecord } from './finished-records';
import { createPlanCheck, type PlanCheck } from '../org/org-prints';
import type { RunTracker } from './provisioner';
import type { ConnectionRecordStore } from '../record/record-store';
import type { AdminSession } from '../../auth/session-source';
import type { RemovalContext, StepContext } from '../steps/step';

export interface ConnectionRuntime {
  sleep: Sleep;
  retry: RetryPolicy;
  /** Read at the start of each run, so a changed setting applies to the next wait. */
  activationTimeoutMs: () => number;
  /** How long after the app changed `app_not_found` still means "not yet"; read at the start of each run. */
  appNotFoundWindowMs: () => number;
  /** Whether a connection left waiting for Salesforce resumes by itself once a session is there. */
  resumeWaiting: boolean;
}

export interface RunContextDeps {
  vault: SecretVault;
  log: Logger;
  now: () => Date;
  audit: AuditLog;
  profiles: AccessProfileStore;
  runtime: ConnectionRuntime;
  settings: SettingsRepository;
}

/** Where a run is: its progress line (none for a health check) and the admin's Cancel. */
export interface RunHandle {
  tracker: RunTracker | null;
  signal: AbortSignal;
}

/** One audit entry, naming the artifacts the run touched. */
function auditRun(
  deps: RunContextDeps,
  admin: AdminSession | null,
  orgId: string | null,
  operation: string,
  result: 'success' | 'failure' | 'partial' | 'cancelled',
  summary: string,
  artifacts: Artifacts,
): void {
  const touched = Object.entries(artifacts).flatMap(([step, data]) =>
    ['id', 'name', 'username']
      .map((k) => data?.[k])
      .filter((v): v is string => typeof v === 'string' && !isReference(v))
      .map((v) => `${step}:${v}`),
  );
  deps.audit.append({
    actor: admin?.identity.username ?? 'unknown',
    orgId,
    operation,
    result,
    summary,
    artifacts: [...new Set(touched)],
  });
}

/** The client, sleep and retry of a context, all under one signal (the org client checks it before each request). */
function signalledParts(deps: RunContextDeps, admin: AdminSession, signal: AbortSignal) {
  const sleep = abortableSleep(deps.runtime.sleep, () => signal);
  const client = createOrgClient(admin.connection, { ...deps.runtime.retry, sleep: deps.runtime.sleep }, signal);
  return { client, sleep, retry: { ...deps.runtime.retry, sleep }, signal };
}

/** The names a context's writes use: with a connection id, what a build creates names it and this install as owner. */
function contextNames(deps: RunContextDeps, agentName: string, connectionId: string | undefined): ArtifactNames {
  const plain = artifactNames(agentName);
  return connectionId ? { ...plain, description: ownedDescription(plain, { connectionId, installId: deps.settings.installId() }) } : plain;
}

/** What a context is made of besides the org's answers. */
interface ContextParts {
  names: ArtifactNames;
  artifacts: Artifacts;
  previousUser: StepContext['previousUser'];
  run: RunHandle | null;
}

/**
 * A run's context, and the maker of its roll-back twin: the same run under a signal that never
 * aborts, made when the roll-back starts from the run as it then stands (artifacts and scratch shared).
 */
async function newContext(
  deps: RunContextDeps,
  admin: AdminSession,
  { names, artifacts, previousUser, run }: ContextParts,
  planCheck: PlanCheck,
): Promise<{ ctx: StepContext; twin: () => StepContext }> {
  const parts = signalledParts(deps, admin, run?.signal ?? neverAborted);
  const profile = deps.profiles.get();
  const who = { userId: admin.identity.userId, orgId: admin.identity.orgId };
  const snapshot = await discover(parts.client, names, who, profile);
  const reviewed = run ? planCheck.discovered(snapshot) : {};
  const withParts = (base: Omit<StepContext, keyof typeof parts | 'refresh'>, own: typeof parts): StepContext => {
    const made: StepContext = {
      ...base,
      ...own,
      async refresh() {
        made.snapshot = await discover(own.client, names, who, profile);
      },
    };
    return made;
  };
  const ctx = withParts(
    {
      names,
      orgId: admin.identity.orgId,
      audience: jwtAudienceOf(snapshot.org.isSandbox, admin.profile.jwtAudience),
      instanceUrl: admin.identity.instanceUrl || admin.connection.instanceUrl,
      desired: resolveAccess(profile, snapshot.describes, snapshot),
      snapshot,
      artifacts,
      previousUser,
      vault: deps.vault,
      log: deps.log,
      now: deps.now,
      activationTimeoutMs: deps.runtime.activationTimeoutMs(),
      appNotFoundWindowMs: deps.runtime.appNotFoundWindowMs(),
      certificateLifetimeDays: deps.settings.get().certificateLifetimeDays,
      onActivation: (progress) => run?.tracker?.activation(progress),
      note: (step, note) => run?.tracker?.note(step, note),
      run: { ...reviewed },
    },
    parts,
  );
  return { ctx, twin: () => withParts(ctx, signalledParts(deps, admin, neverAborted)) };
}

/** The org, the admin and the run as the steps see them; requests and waits observe `ctx.signal`. */
export function createRunContexts(deps: RunContextDeps) {
  const orgClient = (admin: AdminSession): OrgClient =>
    createOrgClient(admin.connection, { ...deps.runtime.retry, sleep: deps.runtime.sleep });
  const planCheck = createPlanCheck();

  /**
   * `connectionId`: the connection a build makes, so what it creates names it and this install as
   * owner (names.ts ownedDescription); read-only contexts leave it out. A run's first context is
   * where its confirmed plan meets the org (org/org-prints.ts).
   */
  /** Each context's twin for its roll-back: the same run, under a signal that never aborts. */
  const rollbackTwins = new WeakMap<StepContext, () => StepContext>();

  async function context(
    admin: AdminSession,
    agentName: string,
    artifacts: Artifacts,
    previousUser: StepContext['previousUser'],
    run: RunHandle | null,
    connectionId?: string,
  ): Promise<StepContext> {
    const names = contextNames(deps, agentName, connectionId);
    const { ctx, twin } = await newContext(deps, admin, { names, artifacts, previousUser, run }, planCheck);
    rollbackTwins.set(ctx, twin);
    return ctx;
  }

  function removalContext(admin: AdminSession, agentName: string, targets: Artifacts, signal: AbortSignal): RemovalContext {
    return {
      ...signalledParts(deps, admin, signal),
      names: artifactNames(agentName),
      orgId: admin.identity.orgId,
      vault: deps.vault,
      artifacts: { ...targets },
    };
  }

  /**
   * The context a roll-back runs with: its own client, sleep and retry under a signal that never
   * aborts (VS Code's CancellationToken.None), so a cancel never cuts the roll-back short.
   */
  function rollbackContext(ctx: StepContext): StepContext {
    const twin = rollbackTwins.get(ctx);
    if (!twin) throw new Error('A roll-back needs a context this run made.');
    return twin();
  }

  return {
    orgClient,
    context,
    removalContext,
    rollbackContext,
    planCheck,
    recordFrom: (ctx: StepContext, admin: AdminSession, createdAt: string | null) => builtRecord(ctx, admin, createdAt, deps.now),
    audit: (...args: Parameters<typeof auditRun> extends [RunContextDeps, ...infer Rest] ? Rest : never) => auditRun(deps, ...args),
    installId: () => deps.settings.installId(),
  };
}

export type RunContexts = ReturnType<typeof createRunContexts>;

/** What the run bodies (build, teardown, undo) share. */
export interface RunDeps {
  records: ConnectionRecordStore;
  journal: Journal;
  settings: SettingsRepository;
  vault: SecretVault;
  now: () => Date;
  contexts: RunContexts;
}

/** A run in progress: its progress line and the admin's Cancel. */
export interface Run {
  tracker: RunTracker;
  signal: AbortSignal;
}

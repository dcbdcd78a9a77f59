import { randomUUID } from 'node:crypto';
import { enableStepIds, removalStepIds, type AccessProfile, type ConnectionState, type ExportFormat, type HealthReport, type PreflightReport, type RemovalPlan, type RunKind, type StepId } from '../../common';
import { AppFailure, appError, fail, toAppError, type AppError } from '../../common/errors';
import type { AdminSession, AdminSessionSource } from './session-source';
import { jwtAudienceOf } from '../agent/audience';
import { needsPermissionRow, resolveAccess } from '../agent/grants';
import type { AccessProfileStore } from '../agent/profile-store';
import { connectionReport } from '../export/connection-report';
import { agentCredentialsFile } from '../export/credentials';
import type { Logger } from '../log';
import { createOrgClient, isReference } from '../salesforce/client';
import { salesforceAppError } from '../salesforce/errors';
import type { RetryPolicy, Sleep } from '../salesforce/retry';
import type { AuditLog, ConnectionService, EventSink, OutgoingFile } from '../services/ports';
import type { Journal } from '../store/journal';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretVault } from '../store/vault';
import { text, type Artifacts } from './artifacts';
import { connectionDetails, setupUrl } from './details';
import { discover, INTEGRATION_PROFILE, objectPermissionTypesOf } from './discovery';
import { agentCanSignIn, compare, readArtifacts } from './health';
import { artifactNames, isOurs } from './names';
import { firstBlocker, preflightChecks, preflightReport } from './preflight';
import { artifactsOf, provision, rollBack, RunTracker } from './provisioner';
import { removeArtifacts, standings } from './removal';
import type { ConnectionRecord, ConnectionRecordStore } from './record-store';
import { agentPrivateKey, keyPairInAdvance, keyPairStep } from './steps/key-pair';
import { findId } from './steps/licence';
import { enableSteps, teardownSteps, updateAccessSteps } from './steps';
import type { RemovalContext, Step, StepContext } from './steps/step';

export interface ConnectionRuntime {
  sleep: Sleep;
  retry: RetryPolicy;
  /** Read at the start of each run, so a changed setting applies to the next wait. */
  activationTimeoutMs: () => number;
  /** Whether a connection left waiting for Salesforce resumes by itself once a session is there. */
  resumeWaiting: boolean;
}

export interface ConnectionServiceDeps {
  settings: SettingsRepository;
  vault: SecretVault;
  /** Only the admin's session is needed (and a nudge after each sign-in). */
  auth: AdminSessionSource;
  events: EventSink;
  audit: AuditLog;
  log: Logger;
  now: () => Date;
  records: ConnectionRecordStore;
  journal: Journal;
  profiles: AccessProfileStore;
  runtime: ConnectionRuntime;
}

/** The contract's ConnectionService plus what hosts without events (CLI, tests) need. */
export interface ConnectionLifecycle extends ConnectionService {
  /** Resolves with the state once the current run (if any) has ended. */
  settled(): Promise<ConnectionState>;
  /** The state as the admin's profile would leave it (drift when grants are missing); no org calls. */
  profileChanged(profile: AccessProfile): Promise<ConnectionState>;
}

const enableIds: readonly StepId[] = enableStepIds;
const removalIds: readonly StepId[] = removalStepIds;

export function createConnectionLifecycle(deps: ConnectionServiceDeps): ConnectionLifecycle {
  const { records, journal, log, now } = deps;
  let live: { orgId: string; tracker: RunTracker } | null = null;
  let running: Promise<ConnectionState> | null = null;
  /** A run between its request and its first step (the session is being fetched): one run at a time. */
  let starting: Promise<AdminSession> | null = null;

  const state = (): ConnectionState => {
    const orgId = live?.orgId ?? journal.current()?.orgId ?? records.currentOrgId();
    if (!orgId) return { status: 'off', orgId: null };
    if (live) return { status: 'running', orgId, run: structuredClone(live.tracker.progress) };
    const saved = records.get(orgId);
    const base: ConnectionState = {
      status: saved.status,
      orgId,
      ...(saved.record ? { details: connectionDetails(orgId, saved.record) } : {}),
      ...(saved.drift ? { drift: saved.drift } : {}),
      ...(saved.error ? { error: saved.error } : {}),
      ...(saved.leftovers?.length ? { leftovers: saved.leftovers } : {}),
    };
    const unfinished = journal.current();
    if (unfinished && saved.status === 'waiting' && saved.waiting) return { ...base, waiting: saved.waiting };
    if (unfinished) {
      return { ...base, status: 'interrupted', error: base.error ?? appError('INTERRUPTED_RUN', 'The last change to the connection did not finish. Resume it, or roll it back.', { action: 'resume' }) };
    }
    return base;
  };
  const changed = (): ConnectionState => {
    const current = state();
    deps.events.emit('connection.changed', current);
    return current;
  };

  const session = (): Promise<AdminSession> => deps.auth.session();

  const orgClient = (admin: AdminSession) => createOrgClient(admin.connection, { ...deps.runtime.retry, sleep: deps.runtime.sleep });

  async function context(admin: AdminSession, agentName: string, artifacts: Artifacts, previousUser: StepContext['previousUser'], tracker: RunTracker | null): Promise<StepContext> {
    const client = orgClient(admin);
    const names = artifactNames(agentName);
    const profile = deps.profiles.get();
    const who = { userId: admin.identity.userId, orgId: admin.identity.orgId };
    const snapshot = await discover(client, names, who, profile);
    const ctx: StepContext = {
      client,
      names,
      orgId: admin.identity.orgId,
      audience: jwtAudienceOf(snapshot.org.isSandbox, admin.profile.jwtAudience),
      instanceUrl: admin.identity.instanceUrl || admin.connection.instanceUrl,
      desired: resolveAccess(profile, snapshot.describes, snapshot.objectPermissionTypes),
      snapshot,
      artifacts,
      previousUser,
      vault: deps.vault,
      log,
      now,
      sleep: deps.runtime.sleep,
      retry: { ...deps.runtime.retry, sleep: deps.runtime.sleep },
      activationTimeoutMs: deps.runtime.activationTimeoutMs(),
      onActivation: (progress) => tracker?.activation(progress),
      note: (step, note) => tracker?.note(step, note),
      scratch: new Map(),
      async refresh() {
        ctx.snapshot = await discover(client, names, who, profile);
      },
    };
    return ctx;
  }

  function recordFrom(ctx: StepContext, admin: AdminSession, createdAt: string | null): ConnectionRecord {
    return {
      agentName: ctx.names.agentName,
      artifacts: ctx.artifacts,
      grants: ctx.desired.grants,
      org: { name: admin.identity.orgName, environment: admin.identity.environment, myDomainUrl: ctx.instanceUrl, loginUrl: admin.loginUrl, audience: ctx.audience },
      userProfile: ctx.snapshot.integrationProfile?.name ?? INTEGRATION_PROFILE,
      createdBy: admin.identity.username,
      createdAt: createdAt ?? now().toISOString(),
      lastVerifiedAt: text(ctx.artifacts, 'verification', 'verifiedAt') ?? null,
    };
  }

  function audit(admin: AdminSession | null, orgId: string | null, operation: string, result: 'success' | 'failure' | 'partial', summary: string, artifacts: Artifacts): void {
    const touched = Object.entries(artifacts).flatMap(([step, data]) =>
      ['id', 'name', 'username'].map((k) => data?.[k]).filter((v): v is string => typeof v === 'string' && !isReference(v)).map((v) => `${step}:${v}`),
    );
    deps.audit.append({ actor: admin?.identity.username ?? 'unknown', orgId, operation, result, summary, artifacts: [...new Set(touched)] });
  }

  /** Runs one lifecycle operation in the background; returns the "running" state at once. */
  async function start(kind: RunKind, ids: readonly StepId[], body: (admin: AdminSession, tracker: RunTracker) => Promise<void>): Promise<ConnectionState> {
    if (running || starting) fail('OPERATION_IN_PROGRESS', 'Another change to the connection is still running. Wait for it to finish.');
    starting = session();
    let admin: AdminSession;
    try {
      admin = await starting;
    } finally {
      starting = null;
    }
    const orgId = admin.identity.orgId;
    const tracker = new RunTracker(kind, now().toISOString(), ids, (run) => deps.events.emit('connection.progress', structuredClone(run)), now);
    live = { orgId, tracker };
    running = body(admin, tracker)
      .catch((error: unknown) => {
        const appErr = error instanceof AppFailure ? error.error : salesforceAppError(error, `the ${kind} run`);
        log.error(`connection ${kind} failed`, { code: appErr.code });
        records.update(orgId, { status: 'error', error: appErr });
        audit(admin, orgId, `connection.${kind}`, 'failure', appErr.message, {});
      })
      .then(() => {
        live = null;
        running = null;
        return changed();
      });
    return changed();
  }

  /** Enable's forward part, shared by enable, reconnect, recreate and resume. */
  async function forward(admin: AdminSession, tracker: RunTracker, kind: RunKind, artifacts: Artifacts, createdAt: string | null): Promise<void> {
    const orgId = admin.identity.orgId;
    const saved = records.get(orgId);
    const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
    tracker.set('preflight', 'running');
    const pendingKeyPair = artifacts.keyPair ? undefined : keyPairInAdvance(artifactNames(agentName).appLabel, now());
    const ctx = await context(admin, agentName, artifacts, saved.retiredUser, tracker);
    ctx.pendingKeyPair = pendingKeyPair;
    if (!journal.current()) {
      const checks = preflightChecks(ctx.snapshot, ctx.desired, ctx.names);
      const blocker = firstBlocker(checks);
      if (blocker) {
        tracker.set('preflight', 'failed');
        throw new AppFailure(blocker);
      }
      journal.begin({ id: randomUUID(), kind, orgId, startedAt: tracker.progress.startedAt });
    }
    tracker.set('preflight', 'done');
    try {
      await provision(ctx, enableSteps, journal, tracker);
    } catch (error) {
      const failure = error instanceof AppFailure ? error.error : salesforceAppError(error, 'setting up the connection');
      if (failure.code === 'ACTIVATION_TIMEOUT') {
        keepWaiting(admin, kind, ctx, tracker, failure);
        return;
      }
      // What was created is rolled back, so the way on is Reconnect (issue 6), unless the error names its own fix.
      const appErr = failure.action === undefined || failure.action === 'retry' ? { ...failure, action: 'reconnect' as const } : failure;
      const leftovers = await rollBack(ctx, enableSteps, journal, tracker);
      if (leftovers.length === 0) journal.finish();
      records.update(orgId, { status: 'error', error: appErr, leftovers, record: null });
      audit(admin, orgId, `connection.${kind}`, leftovers.length ? 'partial' : 'failure', appErr.message, ctx.artifacts);
      throw new AppFailure(appErr);
    }
    const record = recordFrom(ctx, admin, createdAt);
    journal.finish();
    records.update(orgId, { status: 'connected', record, error: undefined, drift: undefined, leftovers: undefined, waiting: undefined, retiredUser: null });
    audit(admin, orgId, `connection.${kind}`, 'success', `Connected "${agentName}": app ${ctx.names.appApiName}, user ${text(ctx.artifacts, 'integrationUser', 'username') ?? ''}, permission set ${ctx.names.permissionSetApiName}.`, ctx.artifacts);
  }

  /**
   * Salesforce has not accepted the agent before the deadline, which only means "not yet" (fact
   * ACTIVATION-PROPAGATION): nothing is rolled back and the journal stays open at activation, so Keep
   * waiting (resume) picks the wait up and Roll back removes what was created.
   */
  function keepWaiting(admin: AdminSession, kind: RunKind, ctx: StepContext, tracker: RunTracker, failure: AppError): void {
    const orgId = admin.identity.orgId;
    const since = tracker.progress.activation?.waitingSince ?? text(ctx.artifacts, 'app', 'createdAt') ?? tracker.progress.startedAt;
    records.update(orgId, { status: 'waiting', error: failure, waiting: { since, until: now().toISOString() }, leftovers: undefined });
    audit(admin, orgId, `connection.${kind}`, 'partial', failure.message, ctx.artifacts);
  }

  /** A connection left waiting for Salesforce picks its wait up again by itself once there is a session. */
  async function resumeWaitingRun(): Promise<void> {
    if (!deps.runtime.resumeWaiting || running || starting || state().status !== 'waiting') return;
    try {
      await lifecycle.resume();
    } catch (error) {
      log.info('the wait for Salesforce resumes after the next sign-in', { code: toAppError(error).code });
    }
  }

  /** What Disable removes when there is no connection record: what the org has of ours. */
  async function discoveredTargets(ctx: StepContext): Promise<Artifacts> {
    const s = ctx.snapshot;
    const artifacts: Artifacts = {};
    if (s.permissionSet && isOurs(s.permissionSet.description)) artifacts.permissionSet = { id: s.permissionSet.id, name: s.permissionSet.name };
    const user = s.users.find((u) => u.active);
    if (user) artifacts.integrationUser = { id: user.id, username: user.username };
    if (s.app && s.app !== 'unavailable' && isOurs(s.app.description)) artifacts.app = { name: s.app.developerName };
    if (user && s.apiPsl) {
      const licence = await findId(ctx, 'PermissionSetLicenseAssign', { AssigneeId: user.id, PermissionSetLicenseId: s.apiPsl.id });
      if (licence) artifacts.licence = { id: licence };
    }
    if (user && artifacts.permissionSet) {
      const assignment = await findId(ctx, 'PermissionSetAssignment', { AssigneeId: user.id, PermissionSetId: s.permissionSet?.id ?? '' });
      if (assignment) artifacts.assignment = { id: assignment };
    }
    return artifacts;
  }

  /**
   * Removes the connection's artifacts in teardown order, journaled; returns what could not be removed.
   * With a connection record nothing is looked up first but one read that confirms what is still ours.
   */
  async function teardown(admin: AdminSession, tracker: RunTracker, kind: RunKind): Promise<{ leftovers: string[] }> {
    const orgId = admin.identity.orgId;
    const saved = records.get(orgId);
    const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
    const targets = saved.record ? saved.record.artifacts : await discoveredTargets(await context(admin, agentName, {}, null, tracker));
    const client = orgClient(admin);
    const retry = { ...deps.runtime.retry, sleep: deps.runtime.sleep };
    const removal: RemovalContext = { client, names: artifactNames(agentName), orgId, vault: deps.vault, artifacts: { ...targets }, retry, sleep: deps.runtime.sleep };
    const standing = await standings(client, targets);
    if (!journal.current()) journal.begin({ id: randomUUID(), kind, orgId, startedAt: tracker.progress.startedAt });
    const leftovers = await removeArtifacts(removal, teardownSteps, targets, standing, journal, tracker);
    await keyPairStep.undo(removal, {});
    const userId = text(targets, 'integrationUser', 'id');
    const username = text(targets, 'integrationUser', 'username');
    const retire = userId && username && standing.integrationUser !== 'foreign';
    records.update(orgId, {
      status: leftovers.length ? 'error' : 'off',
      record: null,
      drift: undefined,
      error: leftovers.length ? appError('STEP_FAILED', `Some parts of the connection could not be removed: ${leftovers.join('; ')}`, { action: 'retry' }) : undefined,
      leftovers,
      retiredUser: retire ? { id: userId, username } : saved.retiredUser,
    });
    audit(admin, orgId, `connection.${kind}.teardown`, leftovers.length ? 'partial' : 'success', leftovers.length ? `Removed with leftovers: ${leftovers.join('; ')}` : 'Removed the app, assignments and permission set; deactivated the integration user.', targets);
    return { leftovers };
  }

  async function rebuild(kind: 'reconnect' | 'recreate', admin: AdminSession, tracker: RunTracker): Promise<void> {
    const createdAt = records.get(admin.identity.orgId).record?.createdAt ?? null;
    const current = journal.current();
    const pastTeardown = current?.steps.some((s) => enableIds.includes(s.id)) ?? false;
    if (!pastTeardown) {
      const { leftovers } = await teardown(admin, tracker, kind);
      if (leftovers.length > 0) fail('STEP_FAILED', `The old connection could not be fully removed: ${leftovers.join('; ')}`, { action: 'retry' });
    }
    await forward(admin, tracker, kind, artifactsOf(null), createdAt);
  }

  async function updateAccessRun(admin: AdminSession, tracker: RunTracker): Promise<void> {
    const orgId = admin.identity.orgId;
    const record = records.get(orgId).record ?? fail('NOT_CONNECTED', 'There is no connection to update. Turn on access first.');
    // The permission set exists: its grants are looked up, and only the missing ones added.
    const artifacts: Artifacts = { ...record.artifacts, permissionSet: { ...record.artifacts.permissionSet, adopted: true } };
    const ctx = await context(admin, record.agentName, artifacts, null, tracker);
    if (!journal.current()) journal.begin({ id: randomUUID(), kind: 'updateAccess', orgId, startedAt: tracker.progress.startedAt });
    try {
      await provision(ctx, updateAccessSteps, journal, tracker);
    } catch (error) {
      const appErr = error instanceof AppFailure ? error.error : salesforceAppError(error, 'updating the access');
      const leftovers = await rollBack(ctx, updateAccessSteps, journal, tracker);
      if (leftovers.length === 0) journal.finish();
      records.update(orgId, { status: 'error', error: appErr, leftovers });
      throw new AppFailure(appErr);
    }
    journal.finish();
    const { permissionSet: _ps, accessGrants: _grants, activation: _a, verification: _v, ...kept } = ctx.artifacts;
    const updated: ConnectionRecord = {
      ...record,
      artifacts: { ...kept, permissionSet: record.artifacts.permissionSet ?? {}, accessGrants: record.artifacts.accessGrants ?? {}, verification: ctx.artifacts.verification ?? {} },
      grants: ctx.desired.grants,
      lastVerifiedAt: text(ctx.artifacts, 'verification', 'verifiedAt') ?? record.lastVerifiedAt,
    };
    records.update(orgId, { status: 'connected', record: updated, drift: undefined, error: undefined, leftovers: undefined });
    audit(admin, orgId, 'connection.updateAccess', 'success', 'Added the missing grants to the permission set.', ctx.artifacts);
  }

  const runKindIds: Record<RunKind, readonly StepId[]> = {
    enable: enableIds,
    disable: removalIds,
    reconnect: [...removalIds, ...enableIds],
    recreate: [...removalIds, ...enableIds],
    updateAccess: ['accessGrants', 'activation', 'verification'],
    resume: enableIds,
    rollback: enableIds,
  };

  async function check(): Promise<HealthReport> {
    const admin = await session();
    const orgId = admin.identity.orgId;
    const saved = records.get(orgId);
    const checkedAt = now().toISOString();
    const empty = { missingFields: [], missingObjects: [], brokenArtifacts: [], extraGrants: [] };
    if (!saved.record || journal.current() || running) {
      return { checkedAt, status: state().status, drift: saved.drift ?? empty, agentTokenOk: false };
    }
    const record = saved.record;
    const ctx = await context(admin, record.agentName, record.artifacts, null, null);
    const orgState = await readArtifacts(ctx.client, record, ctx.snapshot.apiPsl?.id ?? null);
    const agentTokenOk = await agentCanSignIn(record, await agentPrivateKey(ctx), now());
    const drift = compare(orgState, ctx.desired.grants, agentTokenOk);
    let status: ConnectionState['status'] = 'connected';
    let error: AppError | undefined;
    if (drift.brokenArtifacts.length > 0) {
      status = 'error';
      error = appError('CONNECTION_BROKEN', `Part of the connection is missing or changed in Salesforce (${drift.brokenArtifacts.join(', ')}). Reconnect to rebuild it.`, { action: 'reconnect', params: { broken: drift.brokenArtifacts.join(', ') } });
    } else if (drift.missingFields.length > 0 || drift.missingObjects.length > 0) {
      status = 'drift';
      const missing = [...drift.missingObjects, ...drift.missingFields];
      error = appError('CONNECTION_DRIFT', `The agent now reads ${missing.join(', ')}, which the permission set does not grant: the connection must be recreated (or its access updated).`, { action: 'recreate', params: { missing: missing.join(', ') } });
    }
    const lastVerifiedAt = status === 'connected' && agentTokenOk ? checkedAt : record.lastVerifiedAt;
    records.update(orgId, { status, error, drift, record: { ...record, lastVerifiedAt } });
    deps.audit.append({ actor: admin.identity.username, orgId, operation: 'connection.check', result: status === 'connected' ? 'success' : 'failure', summary: error?.message ?? 'The connection matches the desired state.', artifacts: [] });
    changed();
    return { checkedAt, status, drift, agentTokenOk };
  }

  /** The key leaves only for an admin who just confirmed it is them; a refusal is on the record too. */
  async function confirmedAdmin(orgId: string): Promise<AdminSession> {
    try {
      return await deps.auth.confirmedSession();
    } catch (thrown) {
      const refused = toAppError(thrown);
      const status = deps.auth.status();
      const actor = (status.state === 'signedIn' || status.state === 'expired' ? status.identity?.username : undefined) ?? 'unknown';
      deps.audit.append({ actor, orgId, operation: 'connection.exportCredentials', result: 'failure', summary: refused.message, artifacts: [] });
      throw thrown;
    }
  }

  const requireRecord = (): { orgId: string; record: ConnectionRecord } => {
    const orgId = records.currentOrgId();
    const record = orgId ? records.get(orgId).record : null;
    if (!orgId || !record) fail('NOT_CONNECTED', 'There is no connection yet. Turn on access first.');
    return { orgId, record };
  };

  const lifecycle: ConnectionLifecycle = {
    state,
    async settled() {
      // A run whose session is still being fetched has not begun, but is about to.
      await starting?.catch(() => undefined);
      return running ?? state();
    },
    async preflight(): Promise<PreflightReport> {
      const admin = await session();
      const ctx = await context(admin, deps.settings.get().agentName, {}, null, null);
      return preflightReport(preflightChecks(ctx.snapshot, ctx.desired, ctx.names));
    },
    async enable() {
      if (journal.current()) fail('INTERRUPTED_RUN', 'The last change to the connection did not finish. Resume it, or roll it back.', { action: 'resume' });
      const current = state();
      if (current.status === 'connected' || current.status === 'drift') return current;
      return start('enable', enableIds, (admin, tracker) => forward(admin, tracker, 'enable', {}, null));
    },
    removalPlan(): Promise<RemovalPlan> {
      const { record } = requireRecord();
      const names = artifactNames(record.agentName);
      const items = teardownSteps
        .filter((s) => s.removalId && record.artifacts[s.id])
        .flatMap((s) => {
          const result = record.artifacts[s.id] ?? {};
          const name = s.removalName?.({ names }, result);
          return s.removalId ? [{ step: s.removalId, description: s.removalText?.({ names }, result) ?? s.id, ...(name !== undefined && { name }) }] : [];
        });
      return Promise.resolve({ items });
    },
    disable: () => start('disable', removalIds, async (admin, tracker) => {
      const { leftovers } = await teardown(admin, tracker, 'disable');
      journal.finish();
      if (leftovers.length > 0) throw new AppFailure(appError('STEP_FAILED', `Some parts of the connection could not be removed: ${leftovers.join('; ')}`, { action: 'retry' }));
    }),
    reconnect: () => start('reconnect', runKindIds.reconnect, (admin, tracker) => rebuild('reconnect', admin, tracker)),
    recreate: () => start('recreate', runKindIds.recreate, (admin, tracker) => rebuild('recreate', admin, tracker)),
    updateAccess: () => start('updateAccess', runKindIds.updateAccess, updateAccessRun),
    async resume() {
      const run = journal.current() ?? fail('NOTHING_TO_RESUME', 'There is nothing to resume.');
      const kind = run.kind;
      return start('resume', runKindIds[kind], async (admin, tracker) => {
        if (kind === 'disable') {
          await teardown(admin, tracker, 'disable');
          journal.finish();
        } else if (kind === 'reconnect' || kind === 'recreate') await rebuild(kind, admin, tracker);
        else if (kind === 'updateAccess') await updateAccessRun(admin, tracker);
        else await forward(admin, tracker, kind, artifactsOf(run), null);
      });
    },
    async rollback() {
      const run = journal.current() ?? fail('NOTHING_TO_RESUME', 'There is nothing to roll back.');
      return start('rollback', runKindIds[run.kind], async (admin, tracker) => {
        if (run.kind === 'disable') {
          // A half-done removal is finished, not undone: nothing of ours should stay half-configured.
          await teardown(admin, tracker, 'disable');
          journal.finish();
          return;
        }
        const saved = records.get(run.orgId);
        const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
        const ctx = await context(admin, agentName, artifactsOf(run), saved.retiredUser, tracker);
        const steps: Step[] = run.kind === 'updateAccess' ? updateAccessSteps : enableSteps;
        const leftovers = await rollBack(ctx, steps, journal, tracker);
        if (leftovers.length === 0) journal.finish();
        const userId = text(ctx.artifacts, 'integrationUser', 'id');
        const username = text(ctx.artifacts, 'integrationUser', 'username');
        records.update(run.orgId, {
          status: leftovers.length ? 'error' : run.kind === 'updateAccess' ? 'connected' : 'off',
          record: run.kind === 'updateAccess' ? saved.record : null,
          leftovers,
          waiting: undefined,
          error: leftovers.length ? appError('STEP_FAILED', `Roll back could not remove: ${leftovers.join('; ')}`, { action: 'rollback' }) : undefined,
          retiredUser: userId && username ? { id: userId, username } : saved.retiredUser,
        });
        audit(admin, run.orgId, 'connection.rollback', leftovers.length ? 'partial' : 'success', leftovers.length ? leftovers.join('; ') : 'Rolled back the interrupted run.', ctx.artifacts);
      });
    },
    check,
    async exportDetails(format: ExportFormat): Promise<OutgoingFile> {
      const { orgId, record } = requireRecord();
      const admin = await session();
      const file = connectionReport(connectionDetails(orgId, record), format, now());
      deps.audit.append({ actor: admin.identity.username, orgId, operation: 'connection.export', result: 'success', summary: `Exported connection details as ${format}.`, artifacts: [] });
      return file;
    },
    async exportCredentials(passphrase: string): Promise<OutgoingFile> {
      if (passphrase.length < 12) fail('PASSPHRASE_INVALID', 'Use a passphrase of at least 12 characters.');
      log.registerSecret(passphrase);
      const { orgId, record } = requireRecord();
      const admin = await confirmedAdmin(orgId);
      const names = artifactNames(record.agentName);
      const privateKeyPem = await agentPrivateKey({ vault: deps.vault, orgId, names });
      const consumerKey = text(record.artifacts, 'app', 'consumerKey');
      const username = text(record.artifacts, 'integrationUser', 'username');
      if (!privateKeyPem || !consumerKey || !username) fail('EXPORT_FAILED', "The agent's private key is not on this computer. Recreate the connection to make a new one.", { action: 'recreate' });
      const file = await agentCredentialsFile({ orgId, consumerKey, username, myDomainUrl: record.org.myDomainUrl, audience: record.org.audience, privateKeyPem }, passphrase);
      deps.audit.append({ actor: admin.identity.username, orgId, operation: 'connection.exportCredentials', result: 'success', summary: 'Exported the agent credentials (private key encrypted with a passphrase).', artifacts: [`app:${consumerKey}`] });
      return file;
    },
    setupUrl(artifact) {
      return setupUrl(requireRecord().record, artifact);
    },
    async profileChanged(profile) {
      const orgId = records.currentOrgId();
      const record = orgId ? records.get(orgId).record : null;
      if (!orgId || !record) return state();
      const admin = await session();
      const client = orgClient(admin);
      const [objectPermissionTypes, ...described] = await Promise.all([
        client.describe('ObjectPermissions').then(objectPermissionTypesOf),
        ...profile.objects.map((o) => client.describe(o.object)),
      ]);
      const describes = new Map(described.map((d) => [d.name.toLowerCase(), d]));
      const desired = resolveAccess(profile, describes, objectPermissionTypes).grants;
      const granted = new Set(record.grants.filter(needsPermissionRow).map((g) => `${g.object}.${g.field ?? ''}`.toLowerCase()));
      const missing = desired.filter((g) => needsPermissionRow(g) && !granted.has(`${g.object}.${g.field ?? ''}`.toLowerCase()));
      if (missing.length === 0) return state();
      const drift = {
        missingObjects: missing.filter((g) => g.field === null).map((g) => g.object),
        missingFields: missing.filter((g) => g.field !== null).map((g) => `${g.object}.${g.field ?? ''}`),
        brokenArtifacts: [],
        extraGrants: [],
      };
      const list = [...drift.missingObjects, ...drift.missingFields].join(', ');
      records.update(orgId, {
        status: 'drift',
        drift,
        error: appError('CONNECTION_DRIFT', `The agent now reads ${list}, which the permission set does not grant: the connection must be recreated (or its access updated).`, { action: 'recreate', params: { missing: list } }),
      });
      return changed();
    },
  };

  deps.auth.onSignedIn(() => {
    if (state().status === 'waiting') void resumeWaitingRun();
    else void check().catch((error: unknown) => log.warn('health check after sign-in failed', { code: toAppError(error).code }));
  });
  void resumeWaitingRun();
  return lifecycle;
}

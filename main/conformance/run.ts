import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AccessProfile, ConnectionState } from '../../common';
import { AppFailure, toAppError } from '../../common/app-error-schema';
import { startCliApp, type CliApp } from '../cli/cli-app';
import { chooseProfile } from '../cli/profile-options';
import { discover } from '../connection/org/discovery';
import { artifactNames } from '../connection/org/names';
import { createOrgClient } from '../salesforce/client';
import { defaultRetryPolicy } from '../salesforce/retry';
import { TranscriptRecorder } from './transcript';

export interface ConformanceOptions {
  loginUrl: string;
  /** Never the admin's real agent: every artifact's name follows from this one. */
  agentName?: string;
  clientId?: string;
  port?: string;
  /** The org profile's own JWT audience, when the org type does not give the right one (fact JWT-AUDIENCE). */
  audience?: string;
  /** `--allow-any-host`: the login URL need not be a Salesforce host (the emulator). */
  allowAnyHost?: boolean;
  /** Where the transcript goes (default: conformance-transcript-<time>.json in the working directory). */
  out?: string;
  /** Opens the authorize URL; without it the system browser does, as for the CLI's `login`. */
  openAuthorizeUrl?: (url: string) => Promise<void>;
  /** Progress lines for the person running it. */
  print: (line: string) => void;
}

export interface StepResult {
  step: string;
  ok: boolean;
  detail: string;
  durationMs: number;
}

export interface ConformanceResult {
  passed: boolean;
  agentName: string;
  steps: StepResult[];
  transcriptPath: string;
  entries: number;
}

/** A check of this run that did not hold; its message is the step's result. */
class CheckFailed extends Error {}

/** Short and unique per run, so a run never meets an earlier run's artifacts or the admin's agent. */
export function defaultAgentName(now = new Date()): string {
  return `Conformance Check ${now.getTime().toString(36).slice(-6)}`;
}

const timestamp = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');

/**
 * Signs in like `login`, then enable, a health check as the agent, an access update and disable
 * against a real org, confirms nothing of the run's agent is left, and writes a redacted
 * transcript of every request. Uses its own data directory and agent name throughout.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const agentName = options.agentName ?? defaultAgentName();
  const transcriptPath = resolve(options.out ?? `conformance-transcript-${timestamp(new Date())}.json`);
  const dataDir = mkdtempSync(join(tmpdir(), 'agent-connections-conformance-'));
  const recorder = new TranscriptRecorder();
  const steps: StepResult[] = [];
  const startedAt = new Date().toISOString();
  recorder.install();

  const step = async (name: string, work: () => Promise<string>): Promise<boolean> => {
    recorder.step = name;
    const started = Date.now();
    let result: StepResult;
    try {
      result = { step: name, ok: true, detail: await work(), durationMs: Date.now() - started };
    } catch (thrown) {
      const error = thrown instanceof AppFailure ? thrown.error : toAppError(thrown);
      const detail = thrown instanceof CheckFailed ? thrown.message : `${error.code}: ${error.message}`;
      result = { step: name, ok: false, detail, durationMs: Date.now() - started };
    }
    steps.push(result);
    options.print(`${result.ok ? 'PASS' : 'FAIL'} ${name} (${(result.durationMs / 1000).toFixed(1)} s): ${result.detail}`);
    return result.ok;
  };

  try {
    const io = { out: options.print, err: options.print, env: {}, interrupted: () => new Promise<void>(() => undefined) };
    // The run's data directory is its own and removed at the end: its vault gets a passphrase nobody needs to know.
    const passphrase = randomBytes(24).toString('base64url');
    const { app } = await startCliApp(io, {
      launchBrowser: options.openAuthorizeUrl === undefined,
      dataDir,
      vaultPassphrase: () => Promise.resolve(passphrase),
    });
    const signedIn = await step('sign in', () => signIn(app, options, recorder));
    if (signedIn) {
      app.settings.update({ agentName });
      const enabled = await step('enable', async () => expectState(await run(app, () => app.connection.planAndRun('enable')), 'connected'));
      const checked = enabled && (await step('test as the agent', () => checkAsAgent(app)));
      if (checked) await step('update access', () => updateAccess(app));
      // Whatever happened above, the run removes what it made.
      await step('disable', async () => expectState(await run(app, () => app.connection.planAndRun('disable')), 'off'));
      await step('org left clean', () => orgIsClean(app, agentName));
      recorder.step = 'sign out';
      await app.auth.signOut();
    }
  } finally {
    recorder.uninstall();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const passed = steps.length > 0 && steps.every((s) => s.ok);
  const transcript = recorder.serialize({ tool: 'agent-connections conformance', startedAt, agentName, passed, steps });
  await writeFile(transcriptPath, transcript, { encoding: 'utf8', mode: 0o600 });
  return { passed, agentName, steps, transcriptPath, entries: recorder.entries.length };
}

async function signIn(app: CliApp['app'], options: ConformanceOptions, recorder: TranscriptRecorder): Promise<string> {
  const profile = chooseProfile(app.settings, {
    loginUrl: options.loginUrl,
    clientId: options.clientId,
    port: options.port,
    audience: options.audience,
    allowAnyHost: options.allowAnyHost,
  });
  const started = await app.auth.signIn(profile.id);
  options.print(`Sign in to ${options.loginUrl} in the browser. If it does not open, visit:\n${started.authorizeUrl}`);
  const browser = options.openAuthorizeUrl
    ? recorder.unrecorded(() => options.openAuthorizeUrl?.(started.authorizeUrl) ?? Promise.resolve())
    : Promise.resolve();
  const [status] = await Promise.all([app.auth.waitForSignIn(), browser]);
  if (status.state !== 'signedIn')
    throw new CheckFailed(status.state === 'signedOut' && status.lastError ? status.lastError.message : 'The sign-in did not complete.');
  if (!status.permissions.ok) throw new CheckFailed(`The admin lacks: ${status.permissions.missing.join(', ')}.`);
  return `${status.identity.username} in ${status.identity.orgName} (${status.identity.orgId})`;
}

async function run(app: CliApp['app'], operation: () => Promise<ConnectionState>): Promise<ConnectionState> {
  await operation();
  return app.connection.settled();
}

function expectState(state: ConnectionState, wanted: ConnectionState['status']): string {
  if (state.status !== wanted) {
    const leftovers = state.leftovers?.length ? `; left in the org: ${state.leftovers.join('; ')}` : '';
    throw new CheckFailed(`ended "${state.status}"${state.error ? `: ${state.error.code}: ${state.error.message}` : ''}${leftovers}`);
  }
  return state.details
    ? `app ${state.details.app.apiName}, user ${state.details.user.username}, permission set ${state.details.permissionSet.apiName}`
    : `status ${state.status}`;
}

async function checkAsAgent(app: CliApp['app']): Promise<string> {
  const health = await app.connection.check();
  if (!health.agentTokenOk) throw new CheckFailed(`the agent could not get a token (status "${health.status}")`);
  if (health.status !== 'connected') throw new CheckFailed(`status "${health.status}": ${JSON.stringify(health.drift)}`);
  return 'the agent signed in with its key; the org matches the access profile';
}

/** Adds one readable field the profile lacks, has the connection updated, and checks again as the agent. */
async function updateAccess(app: CliApp['app']): Promise<string> {
  const profile = app.agent.accessProfile();
  const added = await firstMissingField(app, profile);
  if (!added) throw new CheckFailed('no object of the access profile has a field left to add');
  const objects = profile.objects.map((o) => (o.object === added.object ? { ...o, fields: [...o.fields, added.field] } : o));
  const drifted = await app.agent.updateAccessProfile({ objects });
  if (drifted.status !== 'drift')
    throw new CheckFailed(`adding ${added.object}.${added.field} left the status "${drifted.status}", not "drift"`);
  expectState(await run(app, () => app.connection.planAndRun('updateAccess')), 'connected');
  await checkAsAgent(app);
  return `added ${added.object}.${added.field}; the agent still signs in and nothing is missing`;
}

async function firstMissingField(app: CliApp['app'], profile: AccessProfile): Promise<{ object: string; field: string } | null> {
  for (const access of profile.objects) {
    const described = await app.agent.describeObject(access.object);
    const field = described.fields.find(
      (f) => f.permissionable && !access.fields.some((name) => name.toLowerCase() === f.name.toLowerCase()),
    );
    if (field) return { object: access.object, field: field.name };
  }
  return null;
}

/** Looks for the run's agent again with the same discovery the app uses before it creates anything. */
async function orgIsClean(app: CliApp['app'], agentName: string): Promise<string> {
  const admin = await app.auth.session();
  const snapshot = await discover(
    createOrgClient(admin.connection, defaultRetryPolicy),
    artifactNames(agentName),
    { userId: admin.identity.userId, orgId: admin.identity.orgId },
    app.agent.accessProfile(),
  );
  const left = [
    ...(snapshot.app && snapshot.app !== 'unavailable' ? [`external client app ${snapshot.app.developerName}`] : []),
    ...(snapshot.permissionSet ? [`permission set ${snapshot.permissionSet.name}`] : []),
    ...snapshot.users.filter((u) => u.active).map((u) => `active integration user ${u.username}`),
  ];
  if (left.length > 0) throw new CheckFailed(`still in the org: ${left.join('; ')}`);
  const retired = snapshot.users.length;
  return `no app, permission set or active integration user of "${agentName}"${retired ? ` (${retired} deactivated user${retired > 1 ? 's' : ''}: Salesforce never deletes users)` : ''}`;
}

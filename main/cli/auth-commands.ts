import type { AuthStatus } from '../../common';
import { AppFailure, fail } from '../../common/app-error';
import type { CliApp } from './cli-app';
import { UsageError, type CliCommand, type CommandContext } from './command';
import { signInWaitingText } from '../auth/sign-in-refusals';
import { stageProfile, type StagedProfile } from './profile-options';

const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const anyHost = (context: CommandContext): boolean => context.values['allow-any-host'] === true;

/** A sign-in that did not end signed in, as the typed error it ended with. */
function signInFailure(status: AuthStatus, fallback: string): never {
  if (status.state === 'signedOut' && status.lastError) throw new AppFailure(status.lastError);
  return fail('SIGN_IN_FAILED', fallback, { action: 'signIn' });
}

function printSignedIn(context: CommandContext, cli: CliApp, status: AuthStatus): number {
  if (status.state !== 'signedIn') return signInFailure(status, 'The sign-in did not complete.');
  const { identity, permissions } = status;
  const profile = cli.app.settings.profile(status.profileId)?.name ?? '';
  context.result({ profile, orgId: identity.orgId, orgName: identity.orgName, username: identity.username });
  context.io.out(`Signed in to ${identity.orgName} (${identity.orgId}) as ${identity.username}.`);
  if (!permissions.ok) context.io.err(`Warning: to set up the agent connection you also need: ${permissions.missing.join(', ')}.`);
  context.io.err(cli.storageNotice);
  return 0;
}

/**
 * Keeps the profile only when the sign-in completed, in the org the profile is tied to; an abandoned
 * or refused sign-in leaves the profiles as they were, and a session in another org is ended again
 * unless the admin says the org changed on purpose (a sandbox refresh, fact SANDBOX-REFRESH): then
 * the session stays, the profile keeps its earlier org, and every other command refuses until
 * `org-change` settles it.
 */
async function settle(
  context: CommandContext,
  cli: CliApp,
  staged: StagedProfile,
  status: AuthStatus,
  completed: boolean,
): Promise<number> {
  if (!completed) {
    staged.discard();
    return signInFailure(status, 'The sign-in did not complete; nothing was changed.');
  }
  const tiedTo = staged.profile.orgId;
  const movedTo = status.state === 'signedIn' && tiedTo && status.identity.orgId !== tiedTo ? status.identity : undefined;
  if (movedTo && context.values['accept-new-org'] !== true) {
    await cli.app.auth.signOut();
    staged.discard();
    fail(
      'ORG_MISMATCH',
      `The profile "${staged.profile.name}" used to sign in to org ${tiedTo}, but this sign-in went to ${movedTo.orgName} (${movedTo.orgId}); signed out again. If the org was refreshed or replaced (a sandbox refresh?), run login --accept-new-org, then org-change. Otherwise sign in as a user of ${tiedTo}, or use another profile.`,
      { action: 'signIn', params: { signedIn: movedTo.orgId, profile: staged.profile.name } },
    );
  }
  if (status.state === 'signedIn') staged.commit();
  else staged.discard();
  const code = printSignedIn(context, cli, status);
  if (movedTo)
    context.io.err(
      `This profile used to sign in to org ${tiedTo}; it now signs in to org ${movedTo.orgId} (a sandbox refresh?). Run org-change to adopt or remove what was carried over.`,
    );
  return code;
}

async function loginWithAccessToken(context: CommandContext, instanceUrl: string): Promise<number> {
  const accessToken = context.io.env.SF_ACCESS_TOKEN;
  if (!accessToken)
    throw new UsageError('login --instance-url reads the access token from the SF_ACCESS_TOKEN environment variable, which is not set.');
  const cli = await context.start({ launchBrowser: false });
  const loginUrl = text(context.values['login-url']) ?? (context.orgProfile ? undefined : instanceUrl);
  const staged = stageProfile(cli.app.settings, {
    name: context.orgProfile,
    loginUrl,
    audience: text(context.values.audience),
    allowAnyHost: anyHost(context),
  });
  const status = await cli.app.auth
    .signInWithAccessToken({ profileId: staged.profile.id, instanceUrl, accessToken })
    .catch((thrown: unknown) => {
      staged.discard();
      throw thrown;
    });
  return settle(context, cli, staged, status, status.state === 'signedIn' && status.profileId === staged.profile.id);
}

async function loginInBrowser(context: CommandContext): Promise<number> {
  const launchBrowser = context.values['no-browser'] !== true;
  const cli = await context.start({ launchBrowser });
  const { values } = context;
  const staged = stageProfile(cli.app.settings, {
    name: context.orgProfile,
    loginUrl: text(values['login-url']),
    clientId: text(values['client-id']),
    port: text(values.port),
    audience: text(values.audience),
    allowAnyHost: anyHost(context),
  });
  const { profile } = staged;
  const started = await cli.app.auth.signIn(profile.id).catch((thrown: unknown) => {
    staged.discard();
    throw thrown;
  });
  // With --json stdout is the document alone: the address to open goes to stderr.
  const tell = (line: string) => (context.json ? context.io.err(line) : context.io.out(line));
  tell(
    launchBrowser
      ? `Opening your browser to sign in to "${profile.name}". If it does not open, visit:`
      : `Open this address in a browser to sign in to "${profile.name}":`,
  );
  tell(started.authorizeUrl);
  const waiting = cli.app.auth.status();
  const expiresAt = new Date(waiting.state === 'signingIn' ? waiting.expiresAt : Date.now());
  for (const line of signInWaitingText(profile, expiresAt, new Date())) tell(line);
  void context.io.interrupted().then(() => cli.app.auth.cancel());
  const status = await cli.app.auth.waitForSignIn();
  // A session from before stays signed in when this sign-in is abandoned; only this process's
  // browser sign-in confirms the admin (`confirmedUntil`), so that tells the two apart.
  const completed = status.state === 'signedIn' && status.profileId === profile.id && status.confirmedUntil !== undefined;
  return settle(context, cli, staged, status, completed);
}

const login: CliCommand = {
  name: 'login',
  profile: 'chooses',
  summary: 'Sign in to Salesforce in the browser (or with SF_ACCESS_TOKEN and --instance-url).',
  usage:
    '[--accept-new-org] [--login-url URL [--allow-any-host] [--client-id ID] [--port N]] [--audience URL] [--no-browser] | --instance-url URL [--allow-any-host] [--audience URL]',
  options: {
    'login-url': { type: 'string' },
    'client-id': { type: 'string' },
    port: { type: 'string' },
    'no-browser': { type: 'boolean' },
    'instance-url': { type: 'string' },
    /** Sign in at a host that is not Salesforce's (also http on this computer): emulators and tests only. */
    'allow-any-host': { type: 'boolean' },
    /** The org profile's own JWT audience, for orgs where the org's type does not give the right one (fact JWT-AUDIENCE). */
    audience: { type: 'string' },
    /** Keep a sign-in that went to another org than the profile's (a sandbox refresh); `org-change` then settles it. */
    'accept-new-org': { type: 'boolean' },
  },
  run(context) {
    const instanceUrl = text(context.values['instance-url']);
    return instanceUrl ? loginWithAccessToken(context, instanceUrl) : loginInBrowser(context);
  },
};

const logout: CliCommand = {
  name: 'logout',
  profile: 'name',
  summary: 'Sign out: revoke the session at Salesforce and remove it from this computer.',
  usage: '',
  options: {},
  async run(context) {
    const cli = await context.start();
    const wasSignedIn = cli.app.auth.status().state !== 'signedOut';
    await cli.app.auth.signOut();
    context.result({ wasSignedIn });
    context.io.out(wasSignedIn ? 'Signed out.' : 'Not signed in; nothing to do.');
    return 0;
  },
};

const whoami: CliCommand = {
  name: 'whoami',
  summary: 'Show the signed-in admin and org (checks the session with Salesforce).',
  usage: '[--json]',
  options: {},
  async run(context) {
    const cli = await context.start();
    const { auth, settings } = cli.app;
    const status = auth.status().state === 'signedIn' ? await auth.verify() : auth.status();
    if (status.state !== 'signedIn') {
      if (status.state === 'expired') fail('SESSION_EXPIRED', 'The Salesforce session has ended. Run login again.', { action: 'signIn' });
      fail('NOT_SIGNED_IN', 'Not signed in. Run login first.', { action: 'signIn' });
    }
    context.result({ ...status, profileName: settings.profile(status.profileId)?.name ?? null });
    const { identity } = status;
    context.io.out(`${identity.userName} <${identity.username}>`);
    context.io.out(`Org: ${identity.orgName} (${identity.orgId}), ${identity.environment}, ${identity.instanceUrl}`);
    if (!status.permissions.ok)
      context.io.err(`Warning: missing rights for the agent connection: ${status.permissions.missing.join(', ')}.`);
    return 0;
  },
};

export const authCommands: CliCommand[] = [login, logout, whoami];

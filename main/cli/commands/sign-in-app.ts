import { DEFAULT_CLIENT_ID, type SignInAppPlan } from '../../../common';
import { UsageError, type CliCommand, type CommandContext } from '../command';

function printPlan(context: CommandContext, plan: SignInAppPlan): void {
  const title = plan.kind === 'create' ? 'Create the sign-in app' : 'Remove the sign-in app';
  context.io.out(`${title} would, in org ${plan.orgId}:`);
  for (const line of plan.summary) context.io.out(`  - ${line}`);
}

/** The review before a write, as every other change has: the plan, then --yes (or --dry-run to stop there). */
function confirmed(context: CommandContext, plan: SignInAppPlan): boolean {
  printPlan(context, plan);
  if (context.values['dry-run'] === true) {
    context.result({ dryRun: true, plan });
    return false;
  }
  if (context.values.yes !== true)
    throw new UsageError('Nothing was changed. Run again with --yes to go ahead, or with --dry-run to only see the plan.', false);
  return true;
}

function port(context: CommandContext): number | undefined {
  const raw = context.values.port;
  if (typeof raw !== 'string') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1024 || value > 65535) throw new UsageError('--port takes a port number from 1024 to 65535.');
  return value;
}

function assignees(context: CommandContext): string[] {
  const raw = context.values.assign;
  return typeof raw === 'string'
    ? raw
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean)
    : [];
}

async function show(context: CommandContext): Promise<number> {
  const { signInApp } = (await context.start({ launchBrowser: false })).app;
  const { profile, app } = signInApp.show();
  context.result({ profile: profile.name, clientId: profile.clientId, callbackPort: profile.callbackPort, signInApp: app });
  if (!app) {
    const client = profile.clientId === DEFAULT_CLIENT_ID ? `the default client ${DEFAULT_CLIENT_ID}` : `the client ${profile.clientId}`;
    context.io.out(`The profile "${profile.name}" signs in with ${client} (callback port ${profile.callbackPort}).`);
    return 0;
  }
  context.io.out(`The profile "${profile.name}" signs in with the org's sign-in app ${app.appName} (consumer key ${app.consumerKey}).`);
  context.io.out(
    `Callback: http://localhost:${app.callbackPort}/OauthRedirect; pre-authorised: holders of ${app.permissionSet}; made ${app.createdAt}.`,
  );
  return 0;
}

async function create(context: CommandContext): Promise<number> {
  const { signInApp } = (await context.start({ launchBrowser: false })).app;
  const callbackPort = port(context);
  const plan = await signInApp.plan({ kind: 'create', assignTo: assignees(context), ...(callbackPort !== undefined && { callbackPort }) });
  if (!confirmed(context, plan)) return 0;
  const app = await signInApp.create(plan.id);
  context.result({ signInApp: app });
  context.io.out(`Created the sign-in app ${app.appName}; consumer key ${app.consumerKey}.`);
  context.io.err('This profile now signs in with it: run login to sign in again.');
  return 0;
}

async function remove(context: CommandContext): Promise<number> {
  const { signInApp } = (await context.start({ launchBrowser: false })).app;
  const plan = await signInApp.plan({ kind: 'remove' });
  if (!confirmed(context, plan)) return 0;
  const profile = await signInApp.remove(plan.id);
  context.result({ profile: profile.name, clientId: profile.clientId, callbackPort: profile.callbackPort, signInApp: null });
  context.io.out(`Removed the sign-in app. The profile "${profile.name}" signs in with ${profile.clientId} again.`);
  return 0;
}

const signInAppCommand: CliCommand = {
  name: 'sign-in-app',
  summary: "The org's own sign-in app for admins (where the default client is blocked): create, show or remove it.",
  usage: 'create [--port N] [--assign USER,USER] [--dry-run] [--yes] | show | remove [--dry-run] [--yes]',
  options: {
    port: { type: 'string' },
    assign: { type: 'string' },
    yes: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
  takesArguments: true,
  run(context) {
    const [action, ...rest] = context.positionals;
    if (rest.length > 0) throw new UsageError(`sign-in-app takes one action, not "${rest.join(' ')}".`);
    if (action === 'show') return show(context);
    if (action === 'create') return create(context);
    if (action === 'remove') return remove(context);
    throw new UsageError('sign-in-app takes create, show or remove.');
  },
};

export const signInAppCommands: CliCommand[] = [signInAppCommand];

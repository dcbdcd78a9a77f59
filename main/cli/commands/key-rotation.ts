import type { ConnectionState, HandOver, OrgChange } from '../../../common';
import { expiryWarningText } from '../../connection/record/certificate-expiry';
import type { CliApp } from '../cli-app';
import { UsageError, type CliCommand, type CommandContext } from '../command';
import { handOverOf, handOverOption } from './review';

type Lifecycle = CliApp['app']['connection'];

/** What `status` and these commands add below the state: the certificate's end and an org change. */
export function lifecycleNotices(state: ConnectionState): string[] {
  const notices: string[] = [];
  const certificate = state.details?.certificate;
  const warning = certificate && expiryWarningText(certificate);
  if (warning) notices.push(`Warning: ${warning}`);
  if (state.handOver) notices.push(`Warning: ${handOverText(state.handOver)}`);
  if (state.orgChange) notices.push(...orgChangeText(state.orgChange));
  return notices;
}

/** The hand-over the agent is still owed, in the words of the screens' banner. */
export function handOverText(handOver: HandOver): string {
  const what =
    handOver.reason === 'newApp'
      ? `The agent's app was rebuilt at ${handOver.since} (a new consumer key)`
      : `The agent's certificate was replaced at ${handOver.since}`;
  const exported = handOver.lastExportedAt ? ` (last exported ${handOver.lastExportedAt})` : '';
  return `${what}: the credentials file the agent has${exported} no longer works. Export the credentials again (export-credentials --out FILE) and give the agent the new file.`;
}

function orgChangeText(change: OrgChange): string[] {
  const before = change.previousOrgName ? ` (${change.previousOrgName})` : '';
  const lines = [
    `This profile used to sign in to org ${change.previousOrgId}${before}; it now signs in to ${change.orgId} (${change.orgName}). A sandbox refresh copies production's setup into a new org with a new id, so nothing of the earlier org's connection is applied here.`,
  ];
  if (change.rebuild)
    lines.push(
      `The agent's app is missing here (a refreshed sandbox has no copy of it) and this computer holds its key: \`org-change --rebuild\` shows what a rebuild here changes (same certificate; the same consumer key ${change.rebuild.consumerKey} where the org lets a client choose it), \`--rebuild --yes\` does it.`,
    );
  else if (change.carriedOver.length === 0)
    lines.push("Nothing of the agent's setup is in this org: `org-change --accept` ties the profile to it.");
  else
    lines.push(
      `This org has the agent's setup copied from the earlier org (${change.carriedOver.join(', ')}): \`org-change --adopt --yes\` adopts it and rotates the key; \`disable --yes\` removes it.`,
    );
  return lines;
}

/** Starts a reviewed run of `kind` the way the screens do (plan, then the run with its id), and waits for its end. */
async function reviewedRun(
  context: CommandContext,
  connection: Lifecycle,
  run: (planId: string) => Promise<ConnectionState>,
): Promise<ConnectionState> {
  const plan = await connection.plan('rotateKey');
  if (context.values.yes !== true) {
    context.io.out('This would:');
    for (const line of plan.summary) context.io.out(`  - ${line}`);
    context.io.out("  - The agent's current key stops working at once, when the certificate is replaced.");
    throw new UsageError('Run again with --yes to go ahead.');
  }
  await run(plan.id);
  return connection.settled();
}

/** Rebuild here: the review, then (with --yes) the run; says whether the agent's exported credentials still hold. */
async function rebuildHere(context: CommandContext, connection: Lifecycle): Promise<number> {
  const plan = await connection.rebuildPlan();
  context.io.out('Rebuild here would:');
  for (const line of plan.summary) context.io.out(`  - ${line}`);
  if (context.values.yes !== true) throw new UsageError('Run again with --yes to go ahead.', false);
  const before = connection.state().orgChange?.rebuild;
  await connection.rebuildHere({ planId: plan.id });
  const state = await connection.settled();
  context.result(state);
  if (state.status !== 'connected') {
    context.io.err(state.error?.message ?? `The rebuild did not connect (status: ${state.status}).`);
    return 1;
  }
  const kept = state.details?.app.consumerKey === before?.consumerKey && state.details?.user.username === before?.username;
  context.io.out(
    kept
      ? "Rebuilt with the same certificate, consumer key and username: the agent's exported credentials keep working."
      : 'Rebuilt with the same certificate; the consumer key or username is new, so give the agent new credentials: export-credentials --out FILE',
  );
  return 0;
}

/** The outcome, with when the old key stopped working and how to hand the agent its new key. */
function reportRotation(context: CommandContext, state: ConnectionState): number {
  context.result(state);
  const rotatedAt = state.details?.certificate?.rotatedAt;
  if (state.status !== 'connected' || !rotatedAt) {
    context.io.err(state.error?.message ?? `The key was not rotated (status: ${state.status}).`);
    return 1;
  }
  context.io.out(
    `Rotated: the previous key stopped working at ${rotatedAt}. The consumer key is unchanged (${state.details?.app.consumerKey ?? ''}).`,
  );
  context.io.out(`The new certificate is valid until ${state.details?.certificate?.notAfter ?? 'unknown'}.`);
  context.io.out('Give the agent its new credentials: export-credentials --out FILE');
  return 0;
}

const rotateKey: CliCommand = {
  name: 'rotate-key',
  summary: "Make a new key pair and replace the app's certificate; the old key stops working at once (needs --yes).",
  usage: '--yes [--hand-over]',
  options: { yes: { type: 'boolean' }, ...handOverOption },
  async run(context) {
    const { connection } = (await context.start({ launchBrowser: false })).app;
    return reportRotation(
      context,
      await reviewedRun(context, connection, (planId) => connection.rotateKey({ planId, ...handOverOf(context) })),
    );
  },
};

const orgChange: CliCommand = {
  name: 'org-change',
  summary:
    'Show whether this profile now signs in to another org (a sandbox refresh); --adopt --yes, --rebuild --yes or --accept settles it.',
  usage: '[--adopt --yes [--hand-over] | --rebuild [--yes] | --accept]',
  options: {
    adopt: { type: 'boolean' },
    rebuild: { type: 'boolean' },
    accept: { type: 'boolean' },
    yes: { type: 'boolean' },
    ...handOverOption,
  },
  // The earlier org is the profile's recorded one: the session is in another on purpose.
  profile: 'name',
  async run(context) {
    const { connection } = (await context.start({ launchBrowser: false })).app;
    await connection.check();
    const state = connection.state();
    context.result(state);
    if (!state.orgChange) {
      context.io.out('This profile signs in to the org it signed in to before.');
      return 0;
    }
    if (context.values.adopt === true)
      return reportRotation(
        context,
        await reviewedRun(context, connection, (planId) => connection.adopt({ planId, ...handOverOf(context) })),
      );
    if (context.values.rebuild === true) return rebuildHere(context, connection);
    if (context.values.accept === true) {
      const accepted = await connection.acceptOrgChange();
      context.result(accepted);
      context.io.out(`The profile now belongs to org ${accepted.orgId ?? ''}.`);
      return 0;
    }
    for (const line of orgChangeText(state.orgChange)) context.io.out(line);
    return 1;
  },
};

export const keyRotationCommands: CliCommand[] = [rotateKey, orgChange];

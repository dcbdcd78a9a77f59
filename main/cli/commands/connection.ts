import {
  activationTimeoutMinutesSchema,
  exportFormats,
  type ConnectionState,
  type ExportFormat,
  type PlannedRunKind,
} from '../../../common';
import { fail } from '../../../common/app-error';
import { cliExitCodes } from '../../../common/cli-json';
import { writeExportFile } from '../../export/safe-write';
import type { CliApp } from '../cli-app';
import { UsageError, type CliCommand, type CommandContext } from '../command';
import { readPassphrase } from '../passphrase';
import { lifecycleNotices } from './key-rotation';
import { choiceOptions, choiceUsage, handOverOf, handOverOption, reviewOptions, reviewPlan, reviewUsage } from './review';
import { follow, minutesSince } from './run-progress';
import { statusAll } from './status-all';

type Lifecycle = CliApp['app']['connection'];

/** Runs that may wait for Salesforce to accept the agent take `--activation-timeout-minutes N`. */
export const activationTimeoutOption = { 'activation-timeout-minutes': { type: 'string' } } as const;

export function activationTimeout(context: CommandContext): { activationTimeoutMinutes?: number } {
  const raw = context.values['activation-timeout-minutes'];
  if (raw === undefined) return {};
  const parsed = activationTimeoutMinutesSchema.safeParse(Number(raw));
  if (typeof raw !== 'string' || !parsed.success)
    throw new UsageError('--activation-timeout-minutes must be a whole number from 5 to 120.');
  return { activationTimeoutMinutes: parsed.data };
}

/** Exit code of a run the user stopped with Ctrl+C (128 + SIGINT), whatever it left behind. */
export const INTERRUPTED_EXIT = cliExitCodes.interrupted;

/**
 * Ctrl+C during a run asks it to stop, as the screens' Cancel does: it removes what it created so
 * far, or (a removal, or when something cannot be removed) stays resumable. Says what it did.
 */
export function cancelOnInterrupt(
  context: CommandContext,
  connection: Lifecycle,
): { cancelled: boolean; explain(state: ConnectionState): void } {
  let cancelled = false;
  void context.io.interrupted().then(async () => {
    if (connection.state().status !== 'running') return;
    cancelled = true;
    context.io.err('Cancelling: the run stops and removes what it created so far…');
    await connection.cancel();
  });
  return {
    get cancelled() {
      return cancelled;
    },
    explain(state) {
      if (!cancelled) return;
      if (state.status === 'off' || (state.status === 'connected' && !state.error))
        context.io.err('Cancelled: what the run had created was removed.');
      else
        context.io.err(
          'Cancelled: the run stopped before it could finish or remove everything. `resume` finishes it, `rollback` removes what is left.',
        );
    },
  };
}

/** Prints the end state for a person and hands it to --json; exit 1 unless the connection is usable. */
export function report(context: CommandContext, state: ConnectionState): number {
  context.result(state);
  context.io.out(`Status: ${state.status}`);
  if (state.details && (state.status === 'connected' || state.status === 'drift')) {
    const d = state.details;
    context.io.out(`App: ${d.app.label} (${d.app.apiName}), consumer key ${d.app.consumerKey}`);
    context.io.out(`Integration user: ${d.user.username} (${d.user.id})${d.user.active ? '' : ', inactive'}`);
    context.io.out(`Permission set: ${d.permissionSet.label} (${d.permissionSet.apiName}, ${d.permissionSet.id})`);
    context.io.out(`Last verified: ${d.lastVerifiedAt ?? 'never'}`);
  }
  if (state.waiting)
    context.io.out(
      `Waiting for Salesforce since ${state.waiting.since} (${minutesSince(state.waiting.since, Date.parse(state.waiting.until))} min so far): \`resume\` keeps waiting, \`rollback\` removes what was created.`,
    );
  if (state.error) context.io.err(`${state.error.message}${state.error.action ? ` (next: ${state.error.action})` : ''}`);
  // The check reached no verdict: the status above is the last real one, and this says why not.
  if (state.checkProblem) {
    const { error } = state.checkProblem;
    context.io.err(`Last check (${state.checkProblem.checkedAt}): ${error.message}${error.action ? ` (next: ${error.action})` : ''}`);
  }
  if (state.leftovers?.length) context.io.err(`Could not remove: ${state.leftovers.join('; ')}`);
  for (const notice of lifecycleNotices(state)) context.io.err(notice);
  const unusable = state.status === 'error' || state.status === 'interrupted' || state.status === 'waiting';
  return unusable || state.checkProblem ? 1 : 0;
}

/** A lifecycle operation that starts a run: wait for it and report how it ended. */
function runCommand(
  name: string,
  summary: string,
  kind: Exclude<PlannedRunKind, 'enable' | 'rotateKey'>,
  expect: ConnectionState['status'][],
  waits = false,
  cancellable = true,
): CliCommand {
  return {
    name,
    summary,
    usage: `${reviewUsage}${choiceUsage(kind)} ${waits ? '[--activation-timeout-minutes N] [--json]' : '[--json]'}`,
    options: { json: { type: 'boolean' }, ...reviewOptions, ...choiceOptions(kind), ...(waits && activationTimeoutOption) },
    async run(context) {
      const { connection } = (await context.start({ launchBrowser: false, ...activationTimeout(context) })).app;
      const reviewed = await reviewPlan(context, connection, kind);
      if ('exit' in reviewed) return reviewed.exit;
      await connection[kind](reviewed);
      const interrupt = cancellable ? cancelOnInterrupt(context, connection) : null;
      const state = await follow(context, connection);
      const code = report(context, state);
      interrupt?.explain(state);
      if (interrupt?.cancelled) return INTERRUPTED_EXIT;
      return code === 0 && !expect.includes(state.status) ? 1 : code;
    },
  };
}

const status: CliCommand = {
  name: 'status',
  summary: 'Show the connection and check it against the org (drift, broken parts); --all: every org profile, each with its own session.',
  usage: '[--all] [--json]',
  options: { json: { type: 'boolean' }, all: { type: 'boolean' } },
  async run(context) {
    if (context.values.all === true) return statusAll(context);
    const { connection, auth } = (await context.start({ launchBrowser: false })).app;
    // Signed out, the org cannot be asked: say so, never "off" for a connection nobody looked at.
    if (auth.status().state === 'signedOut')
      fail('NOT_SIGNED_IN', 'Not signed in, so the connection cannot be checked. Run login first.', { action: 'signIn' });
    if (connection.state().details) await connection.check();
    return report(context, connection.state());
  },
};

const disable: CliCommand = {
  name: 'disable',
  summary:
    'Remove the app, assignments and permission set; deactivate the integration user (shows the plan; --yes when not on a terminal).',
  usage: `${reviewUsage} [--json]`,
  options: { json: { type: 'boolean' }, ...reviewOptions },
  async run(context) {
    const { connection } = (await context.start({ launchBrowser: false })).app;
    // Already off is the outcome asked for: nothing to remove, and no --yes needed to say so.
    if (connection.state().status === 'off') {
      context.result(connection.state());
      context.io.out('The connection is already off; nothing to remove.');
      return 0;
    }
    const reviewed = await reviewPlan(context, connection, 'disable');
    if ('exit' in reviewed) return reviewed.exit;
    await connection.disable(reviewed);
    const state = await follow(context, connection);
    return report(context, state);
  },
};

const exportDetails: CliCommand = {
  name: 'export',
  summary: 'Write the connection details (no secrets) as JSON, CSV or Markdown.',
  usage: '--format json|csv|md --out FILE',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  async run(context) {
    const format = context.values.format;
    const out = context.values.out;
    if (typeof format !== 'string' || !(exportFormats as readonly string[]).includes(format))
      throw new UsageError('--format must be json, csv or md.');
    if (typeof out !== 'string') throw new UsageError('--out FILE is required.');
    const { connection } = (await context.start({ launchBrowser: false })).app;
    const file = await connection.exportDetails(format as ExportFormat);
    const path = await writeExportFile(out, file.content);
    context.result({ path });
    context.io.out(`Wrote ${path}`);
    return 0;
  },
};

const exportCredentials: CliCommand = {
  name: 'export-credentials',
  summary: "Write the agent's credentials (consumer key, username, My Domain, encrypted private key).",
  usage: '--out FILE [--hand-over]  (passphrase: prompt, or AGENT_CREDENTIALS_PASSPHRASE)',
  options: { out: { type: 'string' }, ...handOverOption },
  async run(context) {
    const out = context.values.out;
    if (typeof out !== 'string') throw new UsageError('--out FILE is required.');
    const passphrase = await readPassphrase(context.io.env, 'choose');
    const { connection } = (await context.start({ launchBrowser: false })).app;
    const file = await connection.exportCredentials(passphrase, handOverOf(context));
    const path = await writeExportFile(out, file.content);
    context.result({ path });
    context.io.out(`Wrote ${path} (the private key is encrypted with your passphrase)`);
    return 0;
  },
};

export const connectionCommands: CliCommand[] = [
  status,
  disable,
  runCommand(
    'reconnect',
    'Remove and rebuild the connection, reusing the integration user (the consumer key changes).',
    'reconnect',
    ['connected'],
    true,
  ),
  runCommand(
    'repair',
    'Fix what the last check found changed in the org in place: reactivate the integration user, give back its licence, re-add removed grants; the consumer key and certificate stay.',
    'repair',
    ['connected'],
    true,
  ),
  runCommand(
    'recreate',
    'Rebuild the connection for the current access profile (the consumer key changes).',
    'recreate',
    ['connected'],
    true,
  ),
  runCommand('update-access', 'Make the permission set grant exactly the access profile (shows every change first).', 'updateAccess', [
    'connected',
  ]),
  runCommand(
    'resume',
    'Finish a run that was interrupted, or keep waiting for Salesforce to accept the agent.',
    'resume',
    ['connected', 'off'],
    true,
  ),
  runCommand('rollback', 'Undo a run that was interrupted or is waiting for Salesforce.', 'rollback', ['off', 'connected'], false, false),
  exportDetails,
  exportCredentials,
];

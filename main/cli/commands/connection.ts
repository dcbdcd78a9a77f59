import {
  activationTimeoutMinutesSchema,
  exportFormats,
  type ConnectionState,
  type ExportFormat,
  type PlannedRunKind,
  type RunProgress,
} from '../../../common';
import { writeExportFile } from '../../export/safe-write';
import type { CliApp } from '../cli-app';
import { UsageError, type CliCommand, type CommandContext } from '../command';
import { readPassphrase } from '../passphrase';
import { lifecycleNotices } from './key-rotation';
import { choiceOptions, choiceUsage, printPlan, reviewOptions, reviewPlan, reviewUsage } from './review';
import { statusAll } from './status-all';

type Lifecycle = CliApp['app']['connection'];

const minutesSince = (from: string, to: number) => Math.max(0, Math.round((to - Date.parse(from)) / 60_000));

/** Runs that may wait for Salesforce to accept the agent take `--activation-timeout-minutes N`. */
const activationTimeoutOption = { 'activation-timeout-minutes': { type: 'string' } } as const;

function activationTimeout(context: CommandContext): { activationTimeoutMinutes?: number } {
  const raw = context.values['activation-timeout-minutes'];
  if (raw === undefined) return {};
  const parsed = activationTimeoutMinutesSchema.safeParse(Number(raw));
  if (typeof raw !== 'string' || !parsed.success)
    throw new UsageError('--activation-timeout-minutes must be a whole number from 5 to 120.');
  return { activationTimeoutMinutes: parsed.data };
}

/** Exit code of a run the user stopped with Ctrl+C (128 + SIGINT), whatever it left behind. */
const INTERRUPTED_EXIT = 130;

/**
 * Ctrl+C during a run asks it to stop, as the screens' Cancel does: it removes what it created so
 * far, or (a removal, or when something cannot be removed) stays resumable. Says what it did.
 */
function cancelOnInterrupt(context: CommandContext, connection: Lifecycle): { cancelled: boolean; explain(state: ConnectionState): void } {
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

/** Prints each step's change of state while a run is going, then the run's end state. */
async function follow(context: CommandContext, connection: Lifecycle, json: boolean): Promise<ConnectionState> {
  const printed = new Map<string, string>();
  let attemptPrinted = 0;
  const print = (run: RunProgress | undefined) => {
    if (!run || json) return;
    const wait = run.activation;
    if (wait && wait.attempt !== attemptPrinted) {
      attemptPrinted = wait.attempt;
      context.io.err(
        `  activation: waiting for Salesforce to accept the agent, ${minutesSince(wait.waitingSince, Date.now())} min since the app was created (attempt ${wait.attempt}; waits until ${wait.deadlineAt})`,
      );
    }
    for (const step of run.steps) {
      if (step.state === 'pending' || printed.get(step.id) === step.state) continue;
      printed.set(step.id, step.state);
      context.io.err(`  ${step.id}: ${step.state}${step.note ? ` (${step.note})` : ''}`);
    }
  };
  const timer = setInterval(() => print(connection.state().run), 250);
  try {
    return await connection.settled();
  } finally {
    clearInterval(timer);
  }
}

function report(context: CommandContext, state: ConnectionState, json: boolean): number {
  if (json) context.io.out(JSON.stringify(state, null, 2));
  else if (state.details && (state.status === 'connected' || state.status === 'drift')) {
    const d = state.details;
    context.io.out(`Status: ${state.status}`);
    context.io.out(`App: ${d.app.label} (${d.app.apiName}), consumer key ${d.app.consumerKey}`);
    context.io.out(`Integration user: ${d.user.username} (${d.user.id})${d.user.active ? '' : ', inactive'}`);
    context.io.out(`Permission set: ${d.permissionSet.label} (${d.permissionSet.apiName}, ${d.permissionSet.id})`);
    context.io.out(`Last verified: ${d.lastVerifiedAt ?? 'never'}`);
  } else context.io.out(`Status: ${state.status}`);
  if (!json && state.waiting)
    context.io.out(
      `Waiting for Salesforce since ${state.waiting.since} (${minutesSince(state.waiting.since, Date.parse(state.waiting.until))} min so far): \`resume\` keeps waiting, \`rollback\` removes what was created.`,
    );
  if (!json && state.error) context.io.err(`${state.error.message}${state.error.action ? ` (next: ${state.error.action})` : ''}`);
  if (!json && state.leftovers?.length) context.io.err(`Could not remove: ${state.leftovers.join('; ')}`);
  if (!json) for (const notice of lifecycleNotices(state)) context.io.err(notice);
  return state.status === 'error' || state.status === 'interrupted' || state.status === 'waiting' ? 1 : 0;
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
      const json = context.values.json === true;
      const { connection } = (await context.start({ launchBrowser: false, ...activationTimeout(context) })).app;
      const reviewed = await reviewPlan(context, connection, kind, json);
      if ('exit' in reviewed) return reviewed.exit;
      await connection[kind](reviewed);
      const interrupt = cancellable ? cancelOnInterrupt(context, connection) : null;
      const state = await follow(context, connection, json);
      const code = report(context, state, json);
      interrupt?.explain(state);
      if (interrupt?.cancelled) return INTERRUPTED_EXIT;
      return code === 0 && !expect.includes(state.status) ? 1 : code;
    },
  };
}

const enable: CliCommand = {
  name: 'enable',
  summary: 'Turn on the agent connection: shows the plan (pre-flight, names, licences, access, OAuth), then asks; --dry-run only shows it.',
  usage: `${reviewUsage}${choiceUsage('enable')} [--activation-timeout-minutes N] [--json]`,
  options: { json: { type: 'boolean' }, ...reviewOptions, ...choiceOptions('enable'), ...activationTimeoutOption },
  async run(context) {
    const json = context.values.json === true;
    const { connection } = (await context.start({ launchBrowser: false, ...activationTimeout(context) })).app;
    if (context.values['dry-run'] === true) {
      const preflight = await connection.preflight();
      const plan = await connection.plan('enable');
      if (json) context.io.out(JSON.stringify({ preflight, plan }, null, 2));
      else {
        for (const check of preflight.checks)
          context.io.out(
            `${check.ok ? 'ok  ' : check.severity === 'blocker' ? 'FAIL' : 'warn'} ${check.message}${check.fix && !check.ok ? ` — ${check.fix}` : ''}`,
          );
        printPlan(context, plan);
      }
      return preflight.ok ? 0 : 1;
    }
    const reviewed = await reviewPlan(context, connection, 'enable', json);
    if ('exit' in reviewed) return reviewed.exit;
    await connection.enable(reviewed);
    const interrupt = cancelOnInterrupt(context, connection);
    const state = await follow(context, connection, json);
    const code = report(context, state, json);
    interrupt.explain(state);
    return interrupt.cancelled ? INTERRUPTED_EXIT : code;
  },
};

const status: CliCommand = {
  name: 'status',
  summary: 'Show the connection and check it against the org (drift, broken parts); --all: every org profile, each with its own session.',
  usage: '[--all] [--json]',
  options: { json: { type: 'boolean' }, all: { type: 'boolean' } },
  async run(context) {
    const json = context.values.json === true;
    if (context.values.all === true) return statusAll(context, json);
    const { connection } = (await context.start({ launchBrowser: false })).app;
    if (connection.state().details) await connection.check();
    return report(context, connection.state(), json);
  },
};

const disable: CliCommand = {
  name: 'disable',
  summary:
    'Remove the app, assignments and permission set; deactivate the integration user (shows the plan; --yes when not on a terminal).',
  usage: `${reviewUsage} [--json]`,
  options: { json: { type: 'boolean' }, ...reviewOptions },
  async run(context) {
    const json = context.values.json === true;
    const { connection } = (await context.start({ launchBrowser: false })).app;
    // Already off is the outcome asked for: nothing to remove, and no --yes needed to say so.
    if (connection.state().status === 'off') {
      if (json) context.io.out(JSON.stringify(connection.state(), null, 2));
      else context.io.out('The connection is already off; nothing to remove.');
      return 0;
    }
    const reviewed = await reviewPlan(context, connection, 'disable', json);
    if ('exit' in reviewed) return reviewed.exit;
    await connection.disable(reviewed);
    const state = await follow(context, connection, json);
    return report(context, state, json);
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
    context.io.out(`Wrote ${await writeExportFile(out, file.content)}`);
    return 0;
  },
};

const exportCredentials: CliCommand = {
  name: 'export-credentials',
  summary: "Write the agent's credentials (consumer key, username, My Domain, encrypted private key).",
  usage: '--out FILE  (passphrase: prompt, or AGENT_CREDENTIALS_PASSPHRASE)',
  options: { out: { type: 'string' } },
  async run(context) {
    const out = context.values.out;
    if (typeof out !== 'string') throw new UsageError('--out FILE is required.');
    const passphrase = await readPassphrase(context.io.env, 'choose');
    const { connection } = (await context.start({ launchBrowser: false })).app;
    const file = await connection.exportCredentials(passphrase);
    context.io.out(`Wrote ${await writeExportFile(out, file.content)} (the private key is encrypted with your passphrase)`);
    return 0;
  },
};

export const connectionCommands: CliCommand[] = [
  enable,
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

import { settingsUpdateSchema, userFieldValuesSchema, type PreflightReport, type UserFieldValues } from '../../../common';
import type { CliApp } from '../cli-app';
import { UsageError, type CliCommand, type CommandContext } from '../command';
import { activationTimeout, activationTimeoutOption, cancelOnInterrupt, INTERRUPTED_EXIT, report } from './connection';
import {
  choiceOptions,
  choiceUsage,
  printPlan,
  printRefusals,
  predictedRefusals,
  reviewOptions,
  reviewPlan,
  reviewUsage,
  type Refusal,
} from './review';
import { follow } from './run-progress';

/** `--agent-name NAME`: the agent the names follow (Settings → Agent name), checked as the screen checks it. */
function agentNameOption(context: CommandContext): string | undefined {
  const raw = context.values['agent-name'];
  if (raw === undefined) return undefined;
  const parsed = settingsUpdateSchema.shape.agentName.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--agent-name "${String(raw)}": ${parsed.error.issues[0]?.message ?? 'not a valid name'}`);
  return parsed.data;
}

/** Runs `work` with the agent name given; a dry run puts the saved one back afterwards, so it changes nothing. */
async function withAgentName<T>(cli: CliApp, name: string | undefined, dryRun: boolean, work: () => Promise<T>): Promise<T> {
  const saved = cli.app.settings.get().agentName;
  if (name === undefined || name === saved) return work();
  cli.app.settings.update({ agentName: name });
  try {
    return await work();
  } finally {
    if (dryRun) cli.app.settings.update({ agentName: saved });
  }
}

/** `--user-field NAME=VALUE` (repeatable): values for the User fields the org's setup asks for (fact USER-REQUIRED-FIELDS). */
function userFieldsOption(context: CommandContext): UserFieldValues {
  const raw = context.values['user-field'];
  const given = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const entries = given.map((item) => {
    const text = String(item);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--user-field expects NAME=VALUE, got "${text}"`);
    return [text.slice(0, eq).trim(), text.slice(eq + 1)] as const;
  });
  const parsed = userFieldValuesSchema.safeParse(Object.fromEntries(entries));
  if (!parsed.success) throw new UsageError(`--user-field: ${parsed.error.issues[0]?.message ?? 'not a valid value'}`);
  return parsed.data;
}

/** Blockers, and each required User field the admin gave no --user-field for. */
function preflightRefusals(preflight: PreflightReport, userFields: UserFieldValues): Refusal[] {
  const blockers = preflight.checks
    .filter((c) => !c.ok && c.severity === 'blocker')
    .map((c) => ({ code: 'PREFLIGHT_FAILED', message: `${c.message}${c.fix ? ` ${c.fix}` : ''}` }));
  const missing = (preflight.userFields ?? []).filter((f) => f.required && !userFields[f.name]);
  return missing.length === 0
    ? blockers
    : [
        ...blockers,
        {
          code: 'USER_FIELDS_REQUIRED',
          message: `Salesforce requires a value on every new user for: ${missing.map((f) => f.name).join(', ')}. Give each with --user-field NAME=VALUE.`,
        },
      ];
}

/** `enable --dry-run`: the pre-flight, the plan, and every refusal the run would meet (exit 1 when there is one). */
async function dryRun(context: CommandContext, connection: CliApp['app']['connection'], userFields: UserFieldValues): Promise<number> {
  const preflight = await connection.preflight();
  const plan = await connection.plan('enable');
  const refusals = [...preflightRefusals(preflight, userFields), ...predictedRefusals(context, plan)];
  context.result({ dryRun: true, preflight, plan, refusals });
  const { paint } = context;
  for (const check of preflight.checks) {
    const mark = check.ok ? paint.ok('ok  ') : check.severity === 'blocker' ? paint.failure('FAIL') : paint.warning('warn');
    context.io.out(`${mark} ${check.message}${check.fix && !check.ok ? ` — ${check.fix}` : ''}`);
  }
  printPlan(context, plan);
  printRefusals(context, refusals);
  return refusals.length > 0 ? 1 : 0;
}

const enable: CliCommand = {
  name: 'enable',
  summary: 'Turn on the agent connection: shows the plan (pre-flight, names, licences, access, OAuth), then asks; --dry-run only shows it.',
  usage: `${reviewUsage}${choiceUsage('enable')} [--agent-name NAME] [--user-field NAME=VALUE]... [--activation-timeout-minutes N] [--json]`,
  options: {
    ...reviewOptions,
    ...choiceOptions('enable'),
    ...activationTimeoutOption,
    'agent-name': { type: 'string' },
    'user-field': { type: 'string', multiple: true },
  },
  async run(context) {
    const agentName = agentNameOption(context);
    const userFields = userFieldsOption(context);
    const cli = await context.start({ launchBrowser: false, ...activationTimeout(context) });
    const { connection } = cli.app;
    const isDryRun = context.values['dry-run'] === true;
    return withAgentName(cli, agentName, isDryRun, async () => {
      if (isDryRun) return dryRun(context, connection, userFields);
      const reviewed = await reviewPlan(context, connection, 'enable');
      if ('exit' in reviewed) return reviewed.exit;
      await connection.enable({ ...reviewed, ...(Object.keys(userFields).length > 0 && { userFields }) });
      const interrupt = cancelOnInterrupt(context, connection);
      const state = await follow(context, connection);
      const code = report(context, state);
      interrupt.explain(state);
      return interrupt.cancelled ? INTERRUPTED_EXIT : code;
    });
  },
};

export const enableCommands: CliCommand[] = [enable];

import { fail } from '../../../common/app-error';
import { healthCheckHoursSchema } from '../../../common';
import { webhookKinds, webhookUrlProblem, type WebhookKind } from '../../watch/alerts';
import { schedulerPlan, type SchedulerPlan } from '../../watch/scheduler-files';
import { systemWatchHost, type WatchHost } from '../../watch/watch-host';
import { watchRun } from '../../watch/watch-run';
import { UsageError, type CliCommand, type CommandContext } from '../command';

const USAGE =
  'schedule [--every-hours N] [--slack-webhook URL] [--teams-webhook URL] [--dry-run] | unschedule [--dry-run] | run   [--json]';

function everyHours(context: CommandContext, fallback: number): number {
  const raw = context.values['every-hours'];
  if (raw === undefined) return fallback;
  const parsed = healthCheckHoursSchema.safeParse(Number(raw));
  if (typeof raw !== 'string' || !parsed.success) throw new UsageError('--every-hours must be a whole number from 1 to 168.');
  return parsed.data;
}

function webhooksFrom(context: CommandContext): Partial<Record<WebhookKind, string>> {
  const webhooks: Partial<Record<WebhookKind, string>> = {};
  for (const kind of webhookKinds) {
    const url = context.values[`${kind}-webhook`];
    if (url === undefined) continue;
    const problem = typeof url === 'string' ? webhookUrlProblem(url) : 'needs a URL';
    if (problem || typeof url !== 'string') throw new UsageError(`--${kind}-webhook ${problem ?? 'needs a URL'}.`);
    webhooks[kind] = url;
  }
  return webhooks;
}

function printPlan(context: CommandContext, plan: SchedulerPlan, commands: string[][], verb: string): void {
  for (const file of plan.files) context.io.out(`${verb} ${file.path}`);
  for (const argv of commands) context.io.out(`Run: ${argv.join(' ')}`);
}

function platformOf(host: WatchHost) {
  return (
    host.platform ??
    fail('INVALID_INPUT', 'This operating system has no scheduler Agent Connections knows (systemd, launchd, Task Scheduler).')
  );
}

async function schedule(context: CommandContext, host: WatchHost): Promise<number> {
  const command = host.cliCommand();
  if (!command)
    throw new UsageError('Run `watch schedule` from the installed agent-connections command, so the scheduler can start it.', false);
  const webhooks = webhooksFrom(context);
  const { app } = await context.start({ launchBrowser: false });
  const hours = everyHours(context, app.settings.get().healthCheckHours);
  const dataDir = process.env.AGENT_CONNECTIONS_DATA_DIR;
  const plan = schedulerPlan({ platform: platformOf(host), command, everyHours: hours, home: host.home, ...(dataDir && { dataDir }) });
  const dryRun = context.values['dry-run'] === true;
  context.result({
    action: 'schedule',
    dryRun,
    scheduler: plan.scheduler,
    everyHours: hours,
    files: plan.files.map((f) => f.path),
    commands: plan.install,
  });
  if (dryRun) {
    context.io.out(`This would install ${plan.scheduler} running \`watch run\` every ${hours} h:`);
    printPlan(context, plan, plan.install, 'Write');
    return 0;
  }
  if (Object.keys(webhooks).length > 0) app.watch.setWebhooks({ ...app.watch.read().webhooks, ...webhooks });
  for (const file of plan.files) await host.writeFile(file);
  for (const argv of plan.install) {
    const code = await host.exec(argv);
    if (code !== 0)
      fail(
        'INVALID_INPUT',
        `The scheduler refused \`${argv.join(' ')}\` (exit ${code}); the files are in place, run it yourself to see why.`,
      );
  }
  context.io.out(`Scheduled: ${plan.scheduler} checks every connection every ${hours} h and notifies you when one changes.`);
  return 0;
}

async function unschedule(context: CommandContext, host: WatchHost): Promise<number> {
  const plan = schedulerPlan({
    platform: platformOf(host),
    command: host.cliCommand() ?? ['agent-connections'],
    everyHours: 6,
    home: host.home,
  });
  const dryRun = context.values['dry-run'] === true;
  context.result({
    action: 'unschedule',
    dryRun,
    scheduler: plan.scheduler,
    files: plan.files.map((f) => f.path),
    commands: plan.uninstall,
  });
  if (dryRun) {
    context.io.out(`This would remove ${plan.scheduler}:`);
    printPlan(context, plan, plan.uninstall, 'Remove');
    return 0;
  }
  // Not scheduled is the outcome asked for: a refusal of the scheduler to remove what is not there is fine.
  for (const argv of plan.uninstall) await host.exec(argv);
  for (const file of plan.files) await host.removeFile(file.path);
  context.io.out(`Unscheduled: ${plan.scheduler} no longer checks the connections.`);
  return 0;
}

async function run(context: CommandContext, host: WatchHost): Promise<number> {
  const { app } = await context.start({ launchBrowser: false });
  const result = await watchRun({
    checkAll: () => app.health.checkAll(),
    store: app.watch,
    platform: platformOf(host),
    exec: (argv) => host.exec(argv),
    post: (url, body) => host.post(url, body),
    now: () => new Date(),
  });
  context.result({ action: 'run', checks: result.checks, alerts: result.alerts });
  for (const check of result.checks)
    context.io.out(
      `${check.profile}: ${check.status}${check.changed ? ` (was ${check.previous ?? 'unknown'})` : ''}${check.problem ? ` — ${check.problem}` : ''}`,
    );
  if (result.checks.length === 0) context.io.out('No org profile has a connection to check.');
  for (const warning of result.warnings) context.io.err(`Warning: ${warning}`);
  return 0;
}

/** `watch`: the background check through the OS scheduler, which runs `watch run` while the app is closed. */
export function watchCommand(host: WatchHost = systemWatchHost): CliCommand {
  return {
    name: 'watch',
    summary: 'Check every connection in the background through the OS scheduler, with a notification when one changes.',
    usage: USAGE,
    takesArguments: true,
    options: {
      json: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'every-hours': { type: 'string' },
      'slack-webhook': { type: 'string' },
      'teams-webhook': { type: 'string' },
    },
    profile: 'name',
    async run(context) {
      const [action, ...rest] = context.positionals;
      if (rest.length > 0) throw new UsageError(`watch takes one of schedule, unschedule, run; not "${rest.join(' ')}".`);
      if (action === 'schedule') return schedule(context, host);
      if (action === 'unschedule') return unschedule(context, host);
      if (action === 'run') return run(context, host);
      throw new UsageError('watch needs one of: schedule, unschedule, run.');
    },
  };
}

import { createInterface } from 'node:readline';
import type { PlannedRunKind, RunPlan } from '../../../common';
import type { ParseArgsOptionsConfig } from 'node:util';
import type { CliApp } from '../cli-app';
import type { z } from 'zod';
import { fail } from '../../../common/app-error';
import type { predictedRefusalSchema } from '../../../common/cli-json';
import { connectionOwnedElsewhere } from '../../connection/org/messages';
import { UsageError, type CommandContext } from '../command';

type Lifecycle = CliApp['app']['connection'];

/** `--yes` confirms without asking; `--dry-run` prints the plan and changes nothing. */
export const reviewOptions = { yes: { type: 'boolean' }, 'dry-run': { type: 'boolean' } } as const;
export const reviewUsage = '[--dry-run] [--yes]';

/** The admin takes the connection over from the admin who turned it on (NOT_CONNECTION_OWNER). */
export const handOverOption = { 'hand-over': { type: 'boolean' } } as const;
export const handOverOf = (context: CommandContext): { handOver?: true } =>
  context.values['hand-over'] === true ? { handOver: true } : {};

/** The choices a review offers on top of the plan: a take-over (Turn on, Reconnect), removing hand-added grants (Update access). */
export function choiceOptions(kind: PlannedRunKind): ParseArgsOptionsConfig {
  if (kind === 'enable' || kind === 'reconnect') return { 'take-over': { type: 'boolean' }, ...handOverOption };
  if (kind === 'updateAccess') return { 'remove-hand-added': { type: 'boolean' } };
  return {};
}

export function choiceUsage(kind: PlannedRunKind): string {
  const options = Object.keys(choiceOptions(kind));
  return options.map((o) => ` [--${o}]`).join('');
}

const TAKE_OVER =
  "Taking over: another Agent Connections install manages this connection. Taking over gives the agent a new key; the other install's credentials stop working.";

/** The run's input beyond the plan id, from the options the admin gave. */
function choices(
  context: CommandContext,
  kind: PlannedRunKind,
  plan: RunPlan,
): { takeOver?: true; removeHandAdded?: true; handOver?: true } {
  const takeOver = (kind === 'enable' || kind === 'reconnect') && context.values['take-over'] === true;
  const removeHandAdded = kind === 'updateAccess' && context.values['remove-hand-added'] === true;
  if (takeOver) context.io.out(`  - ${TAKE_OVER}`);
  if (kind === 'updateAccess' && plan.access.some((c) => c.byHand === true))
    context.io.out(
      removeHandAdded
        ? '  - The grants added by hand are removed too (--remove-hand-added).'
        : '  - The grants added by hand are kept; --remove-hand-added removes them too.',
    );
  return { ...(takeOver && { takeOver: true, ...handOverOf(context) }), ...(removeHandAdded && { removeHandAdded: true }) };
}

const titles: Record<PlannedRunKind, string> = {
  enable: 'Turn on',
  disable: 'Turn off',
  reconnect: 'Reconnect',
  recreate: 'Recreate',
  updateAccess: 'Update access',
  resume: 'Resume',
  rollback: 'Roll back',
  rotateKey: 'Rotate key',
  repair: 'Repair',
};

export function printPlan(context: CommandContext, plan: RunPlan): void {
  context.io.out(`${titles[plan.kind]}${plan.of ? ` (of ${titles[plan.of]})` : ''} would, in org ${plan.orgId}:`);
  for (const line of plan.summary) context.io.out(`  - ${line}`);
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const answer = await new Promise<string>((done) => rl.question(question, done));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/** A refusal a dry run predicts: what the run would answer, without running it. */
export type Refusal = z.infer<typeof predictedRefusalSchema>;

/** The runs that refuse a connection another install manages, unless they take it over. */
const refusesOwnedElsewhere: readonly PlannedRunKind[] = ['enable', 'reconnect', 'recreate', 'updateAccess'];

/** What the run of this plan would refuse, as far as the org shows it now (the pre-flight is enable's own). */
export function predictedRefusals(context: CommandContext, plan: RunPlan): Refusal[] {
  const takesOver = (plan.kind === 'enable' || plan.kind === 'reconnect') && context.values['take-over'] === true;
  if (plan.ownedElsewhere !== true || takesOver || !refusesOwnedElsewhere.includes(plan.kind)) return [];
  const { code, message, action } = connectionOwnedElsewhere(plan.kind === 'reconnect' ? 'reconnect' : 'enable');
  const how = plan.kind === 'enable' || plan.kind === 'reconnect' ? ' Run again with --take-over to take it over.' : '';
  return [{ code, message: `${message}${how}`, ...(action && { action }) }];
}

export function printRefusals(context: CommandContext, refusals: readonly Refusal[]): void {
  for (const r of refusals) context.io.err(`${context.paint.failure('Would refuse:')} ${r.message}`);
}

/**
 * The CLI's review before a write: the plan in words, then the admin's yes: typed on a terminal,
 * or `--yes` when nobody can type it. `--dry-run` stops after the plan and what the run would
 * refuse (exit 1 when it would). Returns the plan id to run with, or an exit code.
 */
export async function reviewPlan(
  context: CommandContext,
  connection: Lifecycle,
  kind: PlannedRunKind,
): Promise<({ planId: string } & ReturnType<typeof choices>) | { exit: number }> {
  const plan = await connection.plan(kind);
  const dryRun = context.values['dry-run'] === true;
  printPlan(context, plan);
  const chosen = choices(context, kind, plan);
  if (dryRun) {
    const refusals = predictedRefusals(context, plan);
    printRefusals(context, refusals);
    context.result({ dryRun: true, plan, refusals });
    return { exit: refusals.length > 0 ? 1 : 0 };
  }
  if (context.values.yes === true) return { planId: plan.id, ...chosen };
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new UsageError(
      `Nothing was changed. Run again with --yes to ${titles[kind].toLowerCase()}, or with --dry-run to only see the plan.`,
      false,
    );
  if (!(await ask('Go ahead? [y/N] '))) fail('CONFIRMATION_REQUIRED', 'Nothing was changed: you did not confirm.', { action: 'review' });
  return { planId: plan.id, ...chosen };
}

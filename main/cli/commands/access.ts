import { apiNameSchema, type AccessProfile, type ConnectionState } from '../../../common';
import { accessChange, describeAccessChange, isNoChange } from '../../audit/access-change';
import { UsageError, type CliCommand, type CommandContext } from '../command';

type ObjectAccess = AccessProfile['objects'][number];
interface Target {
  object: string;
  field?: string;
}

/** `OBJECT` or `OBJECT.FIELD`, as Salesforce API names. */
function parseTarget(raw: string | undefined): Target {
  if (!raw) throw new UsageError('Name the object (Account) or the field (Account.Industry).');
  const [object = '', field, extra] = raw.split('.');
  const names = field === undefined ? [object] : [object, field];
  if (extra !== undefined || names.some((name) => !apiNameSchema.safeParse(name).success)) {
    throw new UsageError(`"${raw}" is not OBJECT or OBJECT.FIELD in Salesforce API names (e.g. Account.Industry).`);
  }
  return field === undefined ? { object } : { object, field };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function granted(profile: AccessProfile, target: Target, flags: { viewAll: boolean; edit: boolean }): AccessProfile {
  const current = profile.objects.find((o) => same(o.object, target.object));
  const base: ObjectAccess = current ?? { object: target.object, fields: [], viewAllRecords: false, edit: false };
  const next: ObjectAccess = {
    ...base,
    fields: target.field && !base.fields.some((f) => same(f, target.field ?? '')) ? [...base.fields, target.field] : base.fields,
    viewAllRecords: base.viewAllRecords || flags.viewAll,
    edit: base.edit || flags.edit,
  };
  return { objects: current ? profile.objects.map((o) => (o === current ? next : o)) : [...profile.objects, next] };
}

function revoked(profile: AccessProfile, target: Target, flags: { viewAll: boolean; edit: boolean }): AccessProfile {
  const current = profile.objects.find((o) => same(o.object, target.object));
  if (!current) throw new UsageError(`The agent has no access to ${target.object}; \`access show\` lists what it has.`);
  // `revoke OBJECT` alone removes the object; with a field or an opt-in flag, only that goes.
  if (!target.field && !flags.viewAll && !flags.edit) return { objects: profile.objects.filter((o) => o !== current) };
  const next: ObjectAccess = {
    ...current,
    fields: target.field ? current.fields.filter((f) => !same(f, target.field ?? '')) : current.fields,
    viewAllRecords: current.viewAllRecords && !flags.viewAll,
    edit: current.edit && !flags.edit,
  };
  return { objects: profile.objects.map((o) => (o === current ? next : o)) };
}

function printProfile(context: CommandContext, profile: AccessProfile): void {
  for (const o of profile.objects) {
    const optIns = [o.edit ? 'Edit' : '', o.viewAllRecords ? 'View All Records' : ''].filter(Boolean);
    context.io.out(`${o.object}: read${optIns.length ? `, ${optIns.join(', ')}` : ''}`);
    context.io.out(`  fields: ${o.fields.length > 0 ? o.fields.join(', ') : '(none beyond those every reader sees)'}`);
  }
}

/** What the saved change means for the org: only `update-access` (or `enable`) applies it there. */
function nextStep(state: ConnectionState): string {
  if (state.status === 'off') return 'The connection is off: `enable` turns it on with this access.';
  return 'The org is unchanged: run `update-access` to apply it to the org.';
}

async function change(context: CommandContext, edit: typeof granted): Promise<number> {
  const target = parseTarget(context.positionals[1]);
  const flags = { viewAll: context.values['view-all'] === true, edit: context.values.edit === true };
  const { agent } = (await context.start({ launchBrowser: false })).app;
  const before = agent.accessProfile();
  // Through the agent service: main's access policy decides (Edit only where the product offers it).
  const state = await agent.updateAccessProfile(edit(before, target, flags));
  const moved = accessChange(before, agent.accessProfile());
  context.result({ changed: !isNoChange(moved), accessProfile: agent.accessProfile() });
  if (isNoChange(moved)) {
    context.io.out("The agent's access already says so; nothing changed.");
    return 0;
  }
  context.io.out(describeAccessChange(moved).replace("Changed the agent's access", "Saved the agent's desired access"));
  context.io.out(nextStep(state));
  return 0;
}

const access: CliCommand = {
  name: 'access',
  summary: "Show or change the agent's desired access (grant/revoke change only the desired access; update-access applies it).",
  usage: 'show [--json] | grant OBJECT[.FIELD] [--view-all] [--edit] | revoke OBJECT[.FIELD] [--view-all] [--edit]',
  options: { 'view-all': { type: 'boolean' }, edit: { type: 'boolean' } },
  takesArguments: true,
  async run(context) {
    const [action, , extra] = context.positionals;
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    if (action === 'grant') return change(context, granted);
    if (action === 'revoke') return change(context, revoked);
    if (action !== 'show')
      throw new UsageError('Say what to do: access show, access grant OBJECT[.FIELD], or access revoke OBJECT[.FIELD].');
    if (context.positionals.length > 1) throw new UsageError(`Unexpected argument "${context.positionals[1]}".`);
    const profile = (await context.start({ launchBrowser: false })).app.agent.accessProfile();
    context.result(profile);
    printProfile(context, profile);
    return 0;
  },
};

export const accessCommands: CliCommand[] = [access];

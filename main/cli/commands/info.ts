import { loginUrlOf } from '../../../common';
import { writeExportFile } from '../../export/safe-write';
import { appVersion } from '../../version';
import { UsageError, type CliCommand } from '../command';

const profiles: CliCommand = {
  name: 'profiles',
  summary: 'List the org profiles; * marks the active one.',
  usage: '[--json]',
  options: {},
  profile: 'name',
  async run(context) {
    const { settings } = (await context.start({ launchBrowser: false })).app;
    const { orgProfiles, activeProfileId } = settings.get();
    context.result(orgProfiles.map((p) => ({ ...p, loginUrl: loginUrlOf(p), active: p.id === activeProfileId })));
    if (orgProfiles.length === 0) context.io.out('No org profiles yet. Run login --login-url https://<your domain>.my.salesforce.com.');
    for (const p of orgProfiles) {
      context.io.out(`${p.id === activeProfileId ? '*' : ' '} ${p.name}  ${loginUrlOf(p)}${p.orgId ? `  org ${p.orgId}` : ''}`);
    }
    return 0;
  },
};

const version: CliCommand = {
  name: 'version',
  summary: 'Print the version of Agent Connections (also --version).',
  usage: '',
  options: {},
  profile: 'chooses',
  run(context) {
    context.result({ version: appVersion() });
    context.io.out(appVersion());
    return Promise.resolve(0);
  },
};

const audit: CliCommand = {
  name: 'audit',
  summary: 'Export the activity log (who changed what, in which org); to stdout without --out.',
  usage: 'export --format json|csv [--out FILE]',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  profile: 'name',
  takesArguments: true,
  async run(context) {
    const [action, extra] = context.positionals;
    if (action !== 'export') throw new UsageError('Say what to do: audit export --format json|csv [--out FILE].');
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    const { format, out } = context.values;
    if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be json or csv.');
    if (out !== undefined && typeof out !== 'string') throw new UsageError('--out needs a file name.');
    const file = (await context.start({ launchBrowser: false })).app.audit.export(format);
    if (out === undefined) {
      context.result({ format, content: file.content });
      context.io.out(file.content);
      return 0;
    }
    const path = await writeExportFile(out, file.content);
    context.result({ path });
    context.io.out(`Wrote ${path}`);
    return 0;
  },
};

export const infoCommands: CliCommand[] = [profiles, version, audit];

import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AppFailure } from '../../common/app-error-schema';
import { edgeAppError } from '../salesforce/api-limit';
import { packageVersion } from '../headless-host';
import { startCliApp, type CliAppOptions } from './cli-app';
import { UsageError, type CliCommand, type CliIo, type ParsedValues } from './command';
import { guardProfile } from './profile-guard';

const globalOptions: ParseArgsOptionsConfig = {
  'org-profile': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

export function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: agent-connections [--org-profile NAME] <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.name} ${c.usage}`.trimEnd()),
    '',
    '--org-profile NAME: act on that org profile (`profiles` lists them); a command refuses to act when the',
    "signed-in org is not that profile's org. --version prints the version.",
    'The data directory is AGENT_CONNECTIONS_DATA_DIR when set.',
  ].join('\n');
}

/** The command is the first argument that is neither an option nor the value of `--org-profile`. */
function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--org-profile') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Runs one command line and returns the exit code: 0 success, 1 failure, 2 usage error. */
export async function runCli(args: readonly string[], io: CliIo, commands: readonly CliCommand[]): Promise<number> {
  const name = commandName(args);
  const command = commands.find((c) => c.name === name);
  if (!command && args.includes('--version')) {
    io.out(packageVersion());
    return 0;
  }
  if (!command) {
    const wantsHelp = args.includes('--help') || args.includes('-h') || name === 'help';
    if (wantsHelp) {
      io.out(helpText(commands));
      return 0;
    }
    io.err(`${name ? `Unknown command "${name}".\n\n` : ''}${helpText(commands)}`);
    return 2;
  }
  try {
    const parsed = parseArgs({ args: [...args], options: { ...globalOptions, ...command.options }, allowPositionals: true, strict: true });
    if (parsed.values.help === true) {
      io.out(`Usage: agent-connections [--org-profile NAME] ${command.name} ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    const values = parsed.values as ParsedValues;
    const orgProfile = typeof values['org-profile'] === 'string' ? values['org-profile'] : undefined;
    const positionals = parsed.positionals.slice(1);
    if (positionals.length > 0 && command.takesArguments !== true) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const start = async (options?: CliAppOptions) => {
      const cli = await startCliApp(io, options);
      guardProfile(cli, command.profile ?? 'session', orgProfile);
      return cli;
    };
    return await command.run({ io, values, positionals, orgProfile, start });
  } catch (thrown) {
    return report(io, thrown, command);
  }
}

function report(io: CliIo, thrown: unknown, command: CliCommand): number {
  if (thrown instanceof UsageError && !thrown.showUsage) {
    io.err(thrown.message);
    return 2;
  }
  if (thrown instanceof UsageError || isParseArgsError(thrown)) {
    io.err(
      `${thrown instanceof Error ? thrown.message : 'Invalid arguments.'}\nUsage: agent-connections [--org-profile NAME] ${command.name} ${command.usage}`,
    );
    return 2;
  }
  // Never a stack trace: the admin-facing message of the typed error, or the generic one.
  io.err(thrown instanceof AppFailure ? thrown.error.message : edgeAppError(thrown).message);
  return 1;
}

function isParseArgsError(thrown: unknown): thrown is Error {
  const code = thrown instanceof Error && 'code' in thrown ? thrown.code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

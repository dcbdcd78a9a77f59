import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AppFailure } from '../../common/app-error-schema';
import { cliExitCodes } from '../../common/cli-json';
import { edgeAppError } from '../salesforce/api-limit';
import { appVersion } from '../version';
import { startCliApp, type CliAppOptions } from './cli-app';
import { paintFor } from './color';
import { UsageError, type CliCommand, type CliIo, type ParsedValues } from './command';
import { jsonOutput, type JsonOutput } from './json-output';
import { guardProfile } from './profile-guard';
import { checkOptions } from './usage-check';

/** Options every command takes; `--target-org` (`-o`) is the Salesforce CLI's name for `--org-profile`. */
export const globalOptions: ParseArgsOptionsConfig = {
  'org-profile': { type: 'string' },
  'target-org': { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};
const PROFILE_OPTIONS = new Set(['--org-profile', '--target-org', '-o']);
const GLOBAL_USAGE = 'agent-connections [--org-profile NAME | --target-org NAME] [--json] [--no-color]';

export function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${GLOBAL_USAGE} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.name} ${c.usage}`.trimEnd()),
    '',
    '--org-profile NAME (or --target-org NAME, -o NAME): act on that org profile (`profiles` lists them); a command',
    "refuses to act when the signed-in org is not that profile's org. --json: one JSON document on stdout",
    '({ status, result, warnings }, or the error with name, message, exitCode, action). --version prints the version.',
    'Exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted (Ctrl+C). NO_COLOR or --no-color: no colour.',
    'The data directory is AGENT_CONNECTIONS_DATA_DIR when set. Completion: agent-connections completion bash|zsh|fish.',
  ].join('\n');
}

/** The command is the first argument that is neither an option nor the value of the profile option. */
function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (PROFILE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function profileOption(values: ParsedValues): string | undefined {
  const named = [values['org-profile'], values['target-org']].filter((v): v is string => typeof v === 'string');
  if (named.length === 2 && named[0]?.toLowerCase() !== named[1]?.toLowerCase())
    throw new UsageError('--org-profile and --target-org name two different profiles; give one.');
  return named[0];
}

/** No command: the version, the help, or a usage error. */
function withoutCommand(
  args: readonly string[],
  name: string | undefined,
  io: CliIo,
  commands: readonly CliCommand[],
  json: JsonOutput | null,
): number {
  if (args.includes('--version')) {
    if (json) {
      json.result({ version: appVersion() });
      json.finish(0);
    } else io.out(appVersion());
    return 0;
  }
  if (args.includes('--help') || args.includes('-h') || name === 'help') {
    io.out(helpText(commands));
    return 0;
  }
  const message = name ? `There is no command "${name}"; \`agent-connections --help\` lists them.` : 'Name a command.';
  if (json) json.fail({ name: 'USAGE_ERROR', message }, cliExitCodes.usage);
  else io.err(`${message}\n\n${helpText(commands)}`);
  return cliExitCodes.usage;
}

/** Runs one command line and returns the exit code: 0 success, 1 failure, 2 usage error, 130 interrupted. */
export async function runCli(args: readonly string[], realIo: CliIo, commands: readonly CliCommand[]): Promise<number> {
  const json = args.includes('--json') ? jsonOutput(realIo) : null;
  const io = json?.io ?? realIo;
  const name = commandName(args);
  const command = commands.find((c) => c.name === name);
  if (!command) return withoutCommand(args, name, realIo, commands, json);
  try {
    const options = { ...globalOptions, ...command.options };
    checkOptions(command.name, args, options);
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    const values = parsed.values as ParsedValues;
    if (values.help === true) {
      realIo.out(`Usage: ${GLOBAL_USAGE} ${command.name} ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    const orgProfile = profileOption(values);
    const positionals = parsed.positionals.slice(1);
    if (positionals.length > 0 && command.takesArguments !== true) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const start = async (appOptions?: CliAppOptions) => {
      const cli = await startCliApp(io, appOptions);
      guardProfile(cli, command.profile ?? 'session', orgProfile);
      return cli;
    };
    const paint = paintFor(realIo, values['no-color'] === true || json !== null);
    const result = (value: unknown) => json?.result(value);
    const code = await command.run({ io, values, positionals, orgProfile, start, json: json !== null, result, paint });
    json?.finish(code);
    return code;
  } catch (thrown) {
    return report(io, thrown, command, json);
  }
}

function report(io: CliIo, thrown: unknown, command: CliCommand, json: JsonOutput | null): number {
  if (thrown instanceof UsageError || isParseArgsError(thrown)) {
    const message = thrown instanceof Error ? thrown.message : 'Invalid arguments.';
    const usage = `Usage: agent-connections ${command.name} ${command.usage}`;
    if (json) json.fail({ name: 'USAGE_ERROR', message }, cliExitCodes.usage);
    else io.err(thrown instanceof UsageError && !thrown.showUsage ? message : `${message}\n${usage}`);
    return cliExitCodes.usage;
  }
  // Never a stack trace: the admin-facing message of the typed error, or the generic one.
  const error = thrown instanceof AppFailure ? thrown.error : edgeAppError(thrown);
  if (json) json.fail({ name: error.code, message: error.message, action: error.action }, cliExitCodes.failure);
  else io.err(error.message);
  return cliExitCodes.failure;
}

function isParseArgsError(thrown: unknown): thrown is Error {
  const code = thrown instanceof Error && 'code' in thrown ? thrown.code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

import type { ParseArgsOptionsConfig } from 'node:util';
import type { CliApp, CliAppOptions } from './cli-app';
import type { CliIo } from './cli-io';
import type { Paint } from './color';

export type { CliIo } from './cli-io';

export type ParsedValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  io: CliIo;
  values: ParsedValues;
  positionals: string[];
  /** `--org-profile NAME`, if given. */
  orgProfile: string | undefined;
  /** Builds the app's services over the data directory; each command calls it at most once. */
  start(options?: CliAppOptions): Promise<CliApp>;
  /** `--json`: the command hands its outcome to `result`; what it prints goes to stderr. */
  json: boolean;
  /** The command's outcome as `--json` prints it (common/cli-json.ts); ignored without --json. */
  result(value: unknown): void;
  /** Colour for terminal output (none under NO_COLOR, --no-color, --json or off a terminal). */
  paint: Paint;
}

/**
 * One entry of the command table. A module contributes its commands by exporting an array of
 * these and adding it to `commands` in ./commands.ts; parsing, help and exit codes are shared.
 */
export interface CliCommand {
  name: string;
  summary: string;
  /** Shown in help after the command name, e.g. `[--json]`. */
  usage: string;
  options: ParseArgsOptionsConfig;
  /**
   * How `--org-profile` applies (default `session`): the signed-in session must be that profile's, in
   * its org. `name`: the name must exist. `chooses`: the command picks the profile itself (login).
   */
  profile?: 'session' | 'name' | 'chooses';
  /** Words after the command name it takes (`access grant Account`); others refuse any. */
  takesArguments?: boolean;
  /** Resolves to the exit code: 0 success, 1 a failure the user can act on. */
  run(context: CommandContext): Promise<number>;
}

/** Wrong arguments: exit code 2 with the usage. */
export class UsageError extends Error {
  /** false: the message says all there is (an unknown profile), so the usage line is left out. */
  readonly showUsage: boolean;
  constructor(message: string, showUsage = true) {
    super(message);
    this.name = 'UsageError';
    this.showUsage = showUsage;
  }
}

import type { ParseArgsOptionsConfig } from 'node:util';
import type { CliApp, CliAppOptions } from './cli-app';

/** Where a command writes: results on `out` (stdout), notices and failures on `err` (stderr). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user presses Ctrl+C (the CLI then cancels what is waiting). */
  interrupted(): Promise<void>;
}

export type ParsedValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  io: CliIo;
  values: ParsedValues;
  positionals: string[];
  /** `--org-profile NAME`, if given. */
  orgProfile: string | undefined;
  /** Builds the app's services over the data directory; each command calls it at most once. */
  start(options?: CliAppOptions): Promise<CliApp>;
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
  /** Resolves to the exit code: 0 success, 1 a failure the user can act on. */
  run(context: CommandContext): Promise<number>;
}

/** Wrong arguments: exit code 2 with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

import { authCommands } from './auth-commands';
import type { CliCommand } from './command';
import { connectionCommands } from './commands/connection';

/** Every CLI command. Another module adds its own with `...itsCommands` here. */
export const commands: readonly CliCommand[] = [...authCommands, ...connectionCommands];

import { authCommands } from './auth-commands';
import type { CliCommand } from './command';

/** Every CLI command. Another module adds its own with `...itsCommands` here. */
export const commands: readonly CliCommand[] = [...authCommands];

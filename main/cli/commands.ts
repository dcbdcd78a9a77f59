import { authCommands } from './auth-commands';
import type { CliCommand } from './command';
import { accessCommands } from './commands/access';
import { connectionCommands } from './commands/connection';
import { infoCommands } from './commands/info';

/** Every CLI command. Another module adds its own with `...itsCommands` here. */
export const commands: readonly CliCommand[] = [...authCommands, ...connectionCommands, ...accessCommands, ...infoCommands];

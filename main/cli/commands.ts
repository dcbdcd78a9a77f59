import { authCommands } from './auth-commands';
import type { CliCommand } from './command';
import { accessCommands } from './commands/access';
import { agentTokenCommands } from './commands/agent-token';
import { connectionCommands } from './commands/connection';
import { infoCommands } from './commands/info';
import { keyRotationCommands } from './commands/key-rotation';
import { signInAppCommands } from './commands/sign-in-app';
import { visibilityCommands } from './commands/visibility';

/** Every CLI command. Another module adds its own with `...itsCommands` here. */
export const commands: readonly CliCommand[] = [
  ...authCommands,
  ...connectionCommands,
  ...accessCommands,
  ...infoCommands,
  ...agentTokenCommands,
  ...visibilityCommands,
  ...keyRotationCommands,
  ...signInAppCommands,
];

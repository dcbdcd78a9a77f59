import { authCommands } from './auth-commands';
import type { CliCommand } from './command';
import { accessCommands } from './commands/access';
import { agentTokenCommands } from './commands/agent-token';
import { completionCommand } from './commands/completion';
import { connectionCommands } from './commands/connection';
import { enableCommands } from './commands/enable';
import { infoCommands } from './commands/info';
import { keyRotationCommands } from './commands/key-rotation';
import { signInAppCommands } from './commands/sign-in-app';
import { visibilityCommands } from './commands/visibility';
import { watchCommand } from './commands/watch';

/** Every CLI command. Another module adds its own with `...itsCommands` here. */
export const commands: readonly CliCommand[] = [
  // Completion lists the table it is part of.
  completionCommand(() => commands),
  ...authCommands,
  ...enableCommands,
  ...connectionCommands,
  ...accessCommands,
  ...infoCommands,
  ...agentTokenCommands,
  ...visibilityCommands,
  ...keyRotationCommands,
  ...signInAppCommands,
  watchCommand(),
];

import { existsSync, lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The desktop app's executable runs the CLI bundle when started with this switch (packaging/bin/). */
export const ELECTRON_CLI_SWITCH = '--agent-connections-cli';

export interface ShellCommandPlace {
  /** resources/bin/agent-connections inside the installed app. */
  launcher: string;
  platform: NodeJS.Platform;
  home: string;
  /** The user's PATH, to say whether the link's folder is on it. */
  path: string;
}

export type ShellCommandResult =
  { kind: 'linked'; link: string; onPath: boolean } | { kind: 'windowsInstaller' } | { kind: 'refused'; link: string; reason: string };

const writable = (dir: string): boolean => {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where the link goes: /usr/local/bin on macOS where the user may write there (as VS Code), else ~/.local/bin. */
function linkFolder(place: ShellCommandPlace): string {
  if (place.platform === 'darwin' && writable('/usr/local/bin')) return '/usr/local/bin';
  return join(place.home, '.local', 'bin');
}

/**
 * Puts `agent-connections` on the PATH as a link to the app's launcher (macOS, Linux); on Windows the
 * installer does it. A file of that name that is not our link is never replaced.
 */
export function installShellCommand(place: ShellCommandPlace): ShellCommandResult {
  if (place.platform === 'win32') return { kind: 'windowsInstaller' };
  const folder = linkFolder(place);
  const link = join(folder, 'agent-connections');
  mkdirSync(folder, { recursive: true });
  if (existsSync(link) || isLink(link)) {
    if (!isLink(link)) return { kind: 'refused', link, reason: `${link} exists and is not a link to Agent Connections; remove it first.` };
    unlinkSync(link);
  }
  symlinkSync(place.launcher, link);
  return { kind: 'linked', link, onPath: place.path.split(delimiter).includes(folder) };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && readlinkSync(path).endsWith(join('bin', 'agent-connections'));
  } catch {
    return false;
  }
}

/** What the menu item's dialog says. */
export function shellCommandMessage(result: ShellCommandResult): string {
  if (result.kind === 'windowsInstaller') return 'The installer has put agent-connections on your PATH; open a new terminal to use it.';
  if (result.kind === 'refused') return result.reason;
  const hint = result.onPath ? '' : ` Add ${result.link.slice(0, -'/agent-connections'.length)} to your PATH to call it by name.`;
  return `agent-connections is now ${result.link}: try "agent-connections --help" in a new terminal.${hint}`;
}

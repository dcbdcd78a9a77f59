import type { CliIo } from './cli-io';
import { ELECTRON_CLI_SWITCH } from '../shell-command/install';
import { appVersion } from '../version';

/**
 * `agent-connections <command>` (bin/, the bundle scripts/build-cli.mjs makes, the desktop app's
 * `--agent-connections-cli`) and `npm run cli -- <command>`: the same services as the app.
 */
/** The command line after the program: Node passes the script first, the desktop app its switch. */
function commandLine(argv: readonly string[]): string[] {
  const marker = argv.indexOf(ELECTRON_CLI_SWITCH);
  return marker >= 0 ? argv.slice(marker + 1) : argv.slice(2);
}

const args = commandLine(process.argv);
// `--version` answers before the rest of the CLI is loaded: scripts call it to probe the install.
if (args.length === 1 && (args[0] === '--version' || args[0] === 'version')) {
  process.stdout.write(`${appVersion()}\n`);
  process.exit(0);
}

const io: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  env: process.env,
  interrupted: () => new Promise((resolve) => process.once('SIGINT', () => resolve())),
  stderrIsTerminal: process.stderr.isTTY,
};

// Everything the CLI writes (settings, the session file) is readable by this OS user only.
process.umask(0o077);
const [{ runCli }, { commands }] = await Promise.all([import('./run'), import('./commands')]);
const code = await runCli(args, io, commands);
// Pending sockets (an idle keep-alive to Salesforce) must not keep a finished command alive.
process.exit(code);

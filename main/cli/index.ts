import { commands } from './commands';
import type { CliIo } from './command';
import { runCli } from './run';

/** `npm run cli -- <command>`: the same services as the app, over the data directory. */
const io: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  env: process.env,
  interrupted: () => new Promise((resolve) => process.once('SIGINT', () => resolve())),
};

// Everything the CLI writes (settings, the session file) is readable by this OS user only.
process.umask(0o077);
const code = await runCli(process.argv.slice(2), io, commands);
// Pending sockets (an idle keep-alive to Salesforce) must not keep a finished command alive.
process.exit(code);

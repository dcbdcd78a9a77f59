#!/usr/bin/env node
// The `agent-connections` command of a clone (npm link, npx) or of `npm install -g`: runs the
// bundled CLI (out/cli/agent-connections.mjs), building it first in a clone that has not been built.
import { existsSync, readFileSync } from 'node:fs';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`agent-connections needs Node.js 22.12 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
const args = process.argv.slice(2);
const bundle = new URL('../out/cli/agent-connections.mjs', import.meta.url);
if (!existsSync(bundle)) {
  // A fresh clone linked before `npm ci`: the version needs no build, everything else does.
  if (args.length === 1 && (args[0] === '--version' || args[0] === 'version')) {
    process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
    process.exit(0);
  }
  if (!existsSync(new URL('../node_modules/esbuild/package.json', import.meta.url))) {
    process.stderr.write('agent-connections is not built yet: run `npm ci` in the clone first, then this command again.\n');
    process.exit(1);
  }
  process.stderr.write('Building the command line once (out/cli/agent-connections.mjs)…\n');
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli();
}
await import(bundle.href);

#!/usr/bin/env node
// The `agent-connections` command of a clone (npm link, npx) or of `npm install -g`: runs the
// bundled CLI, building it first when a clone has not been built yet.
import { existsSync } from 'node:fs';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`agent-connections needs Node.js 22.12 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
const bundle = new URL('../out/cli/agent-connections.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('Building the command line once (out/cli/agent-connections.mjs)…\n');
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli();
}
await import(bundle.href);

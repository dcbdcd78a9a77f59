// Bundles the CLI (main/cli/index.ts) into one ES module, out/cli/agent-connections.mjs: every
// dependency inlined, so it starts without transpiling TypeScript and without node_modules (the
// packaged desktop app runs the same file). esbuild comes with the build tools (vite).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cliBundle = join(root, 'out', 'cli', 'agent-connections.mjs');

export async function buildCli() {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  await build({
    entryPoints: [join(root, 'main', 'cli', 'index.ts')],
    outfile: cliBundle,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    define: { AGENT_CONNECTIONS_VERSION: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return cliBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();

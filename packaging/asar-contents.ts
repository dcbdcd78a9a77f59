/**
 * What the installers' app.asar may hold: the built app (out/), its package.json and the runtime
 * dependencies; never tests, the emulator, the benchmarks, source maps or development packages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Expected {
  /** package.json `main`, which Electron starts. */
  entryPoint: string;
  /** Files of the build the app cannot start without (asar paths without the leading slash). */
  builtFiles: string[];
  /** package.json `dependencies`. */
  runtimeDependencies: string[];
  /** Packages that only development needs (package-lock.json marks them `dev`). */
  devOnlyPackages: ReadonlySet<string>;
}

export interface Packaged {
  /** The archive's listing, as @electron/asar gives it ("/out/main/index.js"). */
  files: readonly string[];
  /** The packaged package.json's `main`. */
  main: string | undefined;
  /** Files beside the archive in resources/ (the `agent-connections` launchers), relative to it. */
  resources?: string[];
  /** app.asar.unpacked/out/cli/agent-connections.mjs, the CLI the launcher runs. */
  cliBundle?: string;
  /** resources/bin/agent-connections, the launcher the menu links onto the PATH. */
  command?: { text: string; mode: number };
}

const APP_FILES = /^\/(out\/|package\.json$)/;
/** Test sources, wherever they are: no dependency's runtime loads TypeScript. */
const TEST_SOURCE = /\.(test|spec)\.[cm]?tsx?$/;
const TEST_FILE = /\.(test|spec)\.[a-z]+$/;
/** Inside a dependency only directories mark its tests: some real modules are called *.test.js (core-js's RegExp#test). */
const TEST_DIRECTORY = /(^|\/)(test|tests|__tests__|spec)\//;

/** The innermost package a path is in, and the path inside it ("lib/index.js"). */
function inPackage(path: string): { name: string; file: string } | null {
  if (!path.includes('/node_modules/')) return null;
  const parts = path.split('/node_modules/').at(-1)?.split('/') ?? [];
  const size = parts[0]?.startsWith('@') ? 2 : 1;
  if (!parts[0]) return null;
  return { name: parts.slice(0, size).join('/'), file: parts.slice(size).join('/') };
}

function fileProblem(path: string): string | null {
  const dependency = inPackage(path);
  const inDependency = dependency !== null;
  if (path.endsWith('.map')) return `source map: ${path}`;
  if (TEST_SOURCE.test(path) || TEST_DIRECTORY.test(dependency?.file ?? '') || (!inDependency && TEST_FILE.test(path)))
    return `test: ${path}`;
  if (!inDependency && /^\/packages\/salesforce-emulator(\/|$)/.test(path)) return `the emulator (packages/salesforce-emulator/): ${path}`;
  if (!inDependency && /^\/(e2e|test)(\/|$)/.test(path)) return `the journeys or test support (e2e/, test/): ${path}`;
  if (!inDependency && /^\/bench(\/|$)/.test(path)) return `the benchmarks (bench/): ${path}`;
  if (!inDependency && path !== '/out' && path !== '/node_modules' && !APP_FILES.test(path)) return `not part of the built app: ${path}`;
  return null;
}

/** Everything wrong with a packaged app, one line each; empty when the package is clean. */
export function packageProblems(packaged: Packaged, expected: Expected): string[] {
  const files = new Set(packaged.files);
  const problems: string[] = [];
  if (packaged.main !== expected.entryPoint) problems.push(`package.json main is ${String(packaged.main)}, not ${expected.entryPoint}`);
  for (const file of [expected.entryPoint, ...expected.builtFiles]) if (!files.has(`/${file}`)) problems.push(`missing: ${file}`);
  for (const name of expected.runtimeDependencies)
    if (!files.has(`/node_modules/${name}/package.json`)) problems.push(`missing runtime dependency: ${name}`);
  const devPackages = new Set<string>();
  for (const path of packaged.files) {
    const problem = fileProblem(path);
    if (problem) problems.push(problem);
    const name = inPackage(path)?.name;
    if (name && expected.devOnlyPackages.has(name)) devPackages.add(name);
  }
  for (const name of devPackages) problems.push(`development dependency: ${name}`);
  return problems;
}

interface Lockfile {
  packages: Record<string, { dev?: boolean }>;
}

/** Names that appear in the lockfile only as development packages. */
export function devOnlyPackages(lock: Lockfile): Set<string> {
  const dev = new Set<string>();
  const runtime = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = inPackage(`/${path}`)?.name;
    if (name) (entry.dev ? dev : runtime).add(name);
  }
  for (const name of runtime) dev.delete(name);
  return dev;
}

/** What the project's package.json, lockfile and build promise the package holds. */
export function expectedFromProject(root: string, builtFiles: string[]): Expected {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies?: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  return {
    entryPoint: manifest.main,
    builtFiles,
    runtimeDependencies: Object.keys(manifest.dependencies ?? {}),
    devOnlyPackages: devOnlyPackages(lock),
  };
}

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** A small repository that breaks each layer rule once, next to imports the rules allow. */
const PLANTED: Record<string, string> = {
  'main/a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
  'main/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
  'main/uses-test-support.ts': "export { helper } from '../test/support/helper';\n",
  'main/uses-emulator.ts': "export { startEmulator } from '../packages/salesforce-emulator/index';\n",
  'main/uses-bench.ts': "export { measure } from '../bench/measure';\n",
  'main/uses-electron.ts': "export { app } from 'electron';\n",
  'main/demo/demo-org.ts': "export { startEmulator } from '../../packages/salesforce-emulator/index';\n",
  'main/ok.test.ts': "export { helper } from '../test/support/helper';\n",
  'main/ipc/handle.ts': "export { ipcMain } from 'electron';\n",
  'main/agent/uses-jsforce.ts': "export type { Connection } from 'jsforce';\n",
  'main/salesforce/client.ts': "export type { Connection } from 'jsforce';\n",
  'main/auth/admin-connection.ts': "export { OAuth2 } from 'jsforce';\n",
  'common/contract.ts': "export type { A } from '../main/a';\n",
  'renderer/screen.ts': "export type { A } from '../main/a';\n",
  'test/support/helper.ts': "import { beforeEach } from 'vitest';\nexport const helper = beforeEach;\n",
  'bench/measure.ts': "export { helper as measure } from '../test/support/helper';\n",
  'e2e/journey.ts': "export { startEmulator } from '../packages/salesforce-emulator/src/start';\n",
  'packages/salesforce-emulator/index.ts': "export { startEmulator } from './src/start';\n",
  'packages/salesforce-emulator/src/start.ts': 'export function startEmulator(): void {}\n',
  'main/connection/service.ts': "export { ok } from './run/engine';\n",
  'main/connection/org/names.ts': 'export const ok = 1;\n',
  'main/connection/run/engine.ts': "export { ok } from '../org/names';\n",
  'main/connection/steps/step.ts': "export { ok } from '../run/engine';\n",
  'main/connection/health/drift.ts': "export { ok } from '../review/reviews';\n",
  'main/connection/review/reviews.ts': "export { ok } from '../../connection/service';\n",
  'main/store/journal.ts': "export type { ok } from '../transport/handlers';\n",
  'main/transport/handlers.ts': "export { ok } from '../connection/org/names';\n",
};

let fixture = '';
let result: ICruiseResult;

beforeAll(async () => {
  fixture = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
  for (const [path, text] of Object.entries(PLANTED)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(fixture, 'node_modules'), 'dir');
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const cruised = await cruise(['main', 'common', 'renderer', 'test', 'bench', 'e2e', 'packages'], {
    ...options,
    baseDir: fixture,
    cache: false,
  });
  if (typeof cruised.output === 'string') throw new Error('expected a cruise result');
  result = cruised.output;
}, 60_000);

afterAll(() => {
  if (fixture) rmSync(fixture, { recursive: true, force: true });
});

function violationsOf(rule: string): string[] {
  return result.summary.violations
    .filter((v) => v.rule.name === rule)
    .map((v) => `${v.from} -> ${v.to}`)
    .sort();
}

describe('the dependency rules (npm run deps)', () => {
  it('report an import cycle, even through type-only imports', () => {
    expect(violationsOf('no-cycles').length).toBeGreaterThan(0);
    expect(violationsOf('no-cycles').join('\n')).toContain('main/a.ts');
  });

  it('report product code importing test support, the emulator, the benchmarks or electron outside the host', () => {
    expect(violationsOf('product-not-test-code')).toEqual(['main/uses-test-support.ts -> test/support/helper.ts']);
    expect(violationsOf('product-not-emulator')).toEqual(['main/uses-emulator.ts -> packages/salesforce-emulator/index.ts']);
    expect(violationsOf('product-not-bench')).toEqual(['main/uses-bench.ts -> bench/measure.ts']);
    // The fixture reaches node_modules through a link, so only the importer is the same everywhere.
    expect(violationsOf('electron-only-in-the-host')).toEqual([
      expect.stringMatching(/^main\/uses-electron\.ts -> .*node_modules\/electron\//),
    ]);
  });

  it('report common/ importing main, the renderer importing main, and bypassing the emulator entry', () => {
    expect(violationsOf('common-imports-nothing-of-ours')).toEqual(['common/contract.ts -> main/a.ts']);
    expect(violationsOf('renderer-not-main')).toEqual(['renderer/screen.ts -> main/a.ts']);
    expect(violationsOf('emulator-through-its-entry')).toEqual(['e2e/journey.ts -> packages/salesforce-emulator/src/start.ts']);
  });

  it('report jsforce imported outside the org client and the admin connection', () => {
    expect(violationsOf('jsforce-only-in-the-org-client-and-admin-connection')).toEqual([
      expect.stringMatching(/^main\/agent\/uses-jsforce\.ts -> .*node_modules\/jsforce\//),
    ]);
  });

  it('report a benchmark loading test support (and with it the test runner)', () => {
    expect(violationsOf('no-test-runner-outside-tests')).toContain('bench/measure.ts -> test/support/helper.ts');
  });

  it("report a room of main/connection importing a room above it, its neighbour or the connection's entry", () => {
    expect(violationsOf('connection-steps-imports-only-rooms-below')).toEqual([
      'main/connection/steps/step.ts -> main/connection/run/engine.ts',
    ]);
    expect(violationsOf('connection-health-imports-only-rooms-below')).toEqual([
      'main/connection/health/drift.ts -> main/connection/review/reviews.ts',
    ]);
    expect(violationsOf('connection-review-imports-only-rooms-below')).toEqual([
      'main/connection/review/reviews.ts -> main/connection/service.ts',
    ]);
    expect(violationsOf('connection-run-imports-only-rooms-below')).toEqual([]);
    expect(violationsOf('services-not-edges')).toEqual(['main/store/journal.ts -> main/transport/handlers.ts']);
  });

  it('fail the run, as CI does, and allow the demo seam and colocated tests', () => {
    expect(result.summary.error).toBeGreaterThan(0);
    const sources = result.summary.violations.map((v) => v.from);
    expect(sources).not.toContain('main/demo/demo-org.ts');
    expect(sources).not.toContain('main/ok.test.ts');
    expect(sources).not.toContain('main/ipc/handle.ts');
    expect(sources).not.toContain('main/connection/run/engine.ts');
    expect(sources).not.toContain('main/transport/handlers.ts');
    expect(sources).not.toContain('main/salesforce/client.ts');
    expect(sources).not.toContain('main/auth/admin-connection.ts');
  });
});

import { describe, expect, it } from 'vitest';
import { devOnlyPackages, packageProblems, type Expected, type Packaged } from './asar-contents';

const expected: Expected = {
  entryPoint: 'out/main/index.js',
  builtFiles: ['out/preload/index.cjs', 'out/renderer/index.html'],
  runtimeDependencies: ['zod', '@peculiar/x509'],
  devOnlyPackages: new Set(['vitest', '@playwright/test']),
};

const clean: Packaged = {
  main: 'out/main/index.js',
  files: [
    '/node_modules',
    '/node_modules/zod/package.json',
    '/node_modules/zod/index.js',
    '/node_modules/@peculiar/x509/package.json',
    '/node_modules/core-js/modules/es.regexp.test.js',
    '/out',
    '/out/main/index.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
    '/package.json',
  ],
};

const planted = (...files: string[]): Packaged => ({ ...clean, files: [...clean.files, ...files] });

describe('the packaged app', () => {
  it('passes with the build, package.json and the runtime dependencies only', () => {
    expect(packageProblems(clean, expected)).toEqual([]);
  });

  it.each([
    ['a test', '/out/main/index.test.js', 'test: /out/main/index.test.js'],
    ['a spec', '/out/renderer/app.spec.ts', 'test: /out/renderer/app.spec.ts'],
    [
      'the emulator',
      '/packages/salesforce-emulator/index.ts',
      'the emulator (packages/salesforce-emulator/): /packages/salesforce-emulator/index.ts',
    ],
    ['test support', '/test/support/headless-app.ts', 'the journeys or test support (e2e/, test/): /test/support/headless-app.ts'],
    ['the benchmarks', '/bench/run.ts', 'the benchmarks (bench/): /bench/run.ts'],
    ['a source map', '/out/main/index.js.map', 'source map: /out/main/index.js.map'],
    ['a source file', '/main/index.ts', 'not part of the built app: /main/index.ts'],
    ["a dependency's tests", '/node_modules/zod/src/tests/base.test.ts', 'test: /node_modules/zod/src/tests/base.test.ts'],
    ['a development dependency', '/node_modules/vitest/package.json', 'development dependency: vitest'],
    [
      'a nested scoped development dependency',
      '/node_modules/zod/node_modules/@playwright/test/index.js',
      'development dependency: @playwright/test',
    ],
  ])('fails when it holds %s', (_what, file, problem) => {
    expect(packageProblems(planted(file), expected)).toEqual([problem]);
  });

  it('fails without the built main, a runtime dependency or the right entry point', () => {
    const broken: Packaged = {
      main: 'main/index.ts',
      files: clean.files.filter((f) => f !== '/out/main/index.js' && !f.startsWith('/node_modules/zod/')),
    };
    expect(packageProblems(broken, expected)).toEqual([
      'package.json main is main/index.ts, not out/main/index.js',
      'missing: out/main/index.js',
      'missing runtime dependency: zod',
    ]);
  });

  it('counts a package as development-only when the lockfile never needs it at runtime', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/vitest': { dev: true },
        'node_modules/ajv': { dev: true },
        'node_modules/conf/node_modules/ajv': {},
        'node_modules/@types/node': { dev: true },
        'node_modules/zod': {},
      },
    };
    expect([...devOnlyPackages(lock)].sort()).toEqual(['@types/node', 'vitest']);
  });
});

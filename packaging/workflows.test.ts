import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';

const WORKFLOWS = fileURLToPath(new URL('../.github/workflows/', import.meta.url));
const workflows = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));
const read = (name: string) => readFileSync(join(WORKFLOWS, name), 'utf8');

/** Each error as "path: what", so a failure says where the workflow is wrong. */
function problems(source: string): string[] {
  return validateWorkflow(source).errors.map((e) => `${'path' in e ? e.path : ''}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`);
}

describe('GitHub workflows', () => {
  it('has the CI and release workflows', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each(workflows)("%s follows GitHub's workflow schema", (name) => {
    expect(problems(read(name))).toEqual([]);
  });

  it.each([
    ['a misspelt key', (ci: string) => ci.replace('runs-on: ${{ matrix.os }}', 'run-on: ${{ matrix.os }}')],
    [
      'a step that both uses an action and runs a command',
      (ci: string) => ci.replace('      - run: npm test\n', '      - run: npm test\n        uses: actions/checkout@v4\n'),
    ],
    ['broken YAML', (ci: string) => ci.replace('on:\n', 'on: [\n')],
  ])('rejects %s', (_what, plant) => {
    const planted = plant(read('ci.yml'));
    expect(planted).not.toBe(read('ci.yml'));
    expect(problems(planted)).not.toEqual([]);
  });
});

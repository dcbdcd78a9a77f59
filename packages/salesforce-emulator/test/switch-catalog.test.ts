import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { switchCatalog, switchNames } from '../src/switch-catalog';

const facts = readFileSync(new URL('../../../docs/salesforce.md', import.meta.url), 'utf8');
const factIds = new Set([...facts.matchAll(/^### ([A-Z0-9-]+):/gm)].map((m) => m[1]));

describe('every switch names a written-down fact', () => {
  it.each(switchNames)('%s cites a fact in docs/salesforce.md, with its sources and status', (name) => {
    const fact = switchCatalog[name].fact;
    expect(factIds).toContain(fact);
    const section = facts.split(/^### /m).find((s) => s.startsWith(`${fact}:`)) ?? '';
    expect(section).toMatch(/Sources?:/i);
    expect(section).toMatch(/Status:[^\n]*\b(verified|unverified)\b/i);
  });
});

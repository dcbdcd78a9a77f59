/**
 * docs/salesforce.md lists every unverified fact in one table at its top, so a maintainer with a real
 * org knows what to settle first: every fact whose status says "unverified" is in the table, and
 * every row is such a fact.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../docs/salesforce.md', import.meta.url), 'utf8');
const TABLE_HEADING = '## Unverified facts';

function statusOf(section: string): string {
  const m = /^(?:- )?Status:([\s\S]*?)(?:\n\n|(?![\s\S]))/m.exec(section);
  return m?.[1] ?? '';
}

describe('the unverified facts table of docs/salesforce.md', () => {
  const sections = doc.split(/^### /m).slice(1);
  const unverified = sections
    .filter((s) => /^[A-Z0-9-]+:/.test(s) && /\bunverified\b/i.test(statusOf(s)))
    .map((s) => s.slice(0, s.indexOf(':')));
  const tableStart = doc.indexOf(TABLE_HEADING);
  const table = doc.slice(tableStart, doc.indexOf('\n## ', tableStart + 1));
  const rows = [...table.matchAll(/^\| ([A-Z0-9-]+) \|/gm)].map((m) => m[1] ?? '');

  it('is at the top, before the first fact', () => {
    expect(tableStart).toBeGreaterThan(0);
    expect(tableStart).toBeLessThan(doc.indexOf('\n### '));
  });

  it('lists every fact whose status is unverified, and only those', () => {
    expect([...new Set(rows)].sort()).toEqual([...new Set(unverified)].sort());
  });
});

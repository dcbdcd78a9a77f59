import { describe, expect, it } from 'vitest';
import type { ConnectionDetails } from '../../common';
import { connectionReport } from './connection-report';
import { csvCell, toCsv } from './csv';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert("pwned")</script> | **Acme** [click](javascript:alert(1)) `code` _x_ &amp;';

function details(orgName: string, setupUrl = 'https://acme.my.salesforce.com/lightning/setup/ExternalClientApps/home'): ConnectionDetails {
  return {
    org: {
      id: '00D000000000001',
      name: orgName,
      environment: 'production',
      myDomainUrl: 'https://acme.my.salesforce.com',
      audience: 'https://login.salesforce.com',
    },
    app: { label: 'Sales Agent', apiName: 'Sales_Agent', consumerKey: '3MVG9key', createdAt: '2025-01-01T00:00:00.000Z', setupUrl },
    user: {
      id: '005000000000001',
      name: `${orgName} user`,
      username: 'sales.agent@acme.example',
      active: true,
      licence: 'Salesforce Integration',
      profile: 'Minimum Access - API Only Integrations',
      setupUrl,
    },
    permissionSet: { id: '0PS000000000001', label: 'Sales Agent', apiName: 'Sales_Agent_Permission_Set', setupUrl },
    grants: [
      { object: 'Account', field: null, read: true, edit: false, viewAllRecords: false, viaFieldPermission: false },
      { object: 'Account', field: 'Name|<b>', read: true, edit: false, viewAllRecords: false, viaFieldPermission: true },
    ],
    createdBy: 'dana@acme.example\n# injected heading',
    createdAt: '2025-01-01T00:00:00.000Z',
    lastVerifiedAt: null,
  };
}

const context = {
  status: 'connected' as const,
  oauth: {
    flow: 'jwtBearer' as const,
    scopes: ['api'],
    preAuthorisedPermissionSet: 'Sales_Agent_Permission_Set',
    ipPolicy: 'Enforce' as const,
  },
};
const markdownOf = (d: ConnectionDetails) => connectionReport(d, 'md', new Date('2025-02-01T00:00:00Z'), context).content;
/** Cell separators a Markdown table honours: pipes not escaped with a backslash. */
const separators = (row: string) => row.match(/(?<!\\)\|/g)?.length ?? 0;

describe('the Markdown report with org data an attacker controls', () => {
  it('keeps a hostile org name inert: no HTML, no link, no emphasis, and the tables keep their columns', () => {
    const md = markdownOf(details(HOSTILE));
    expect(md).not.toMatch(/<img|<script|<b>/i);
    // An unescaped ] directly before ( would make a link.
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/i);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
    expect(md).toContain('\\*\\*Acme\\*\\*');
    expect(md).toContain('\\[click\\]');
    expect(md).toContain('&amp;amp;');
    const lines = md.split('\n');
    for (const row of lines.filter((line) => line.startsWith('| ') && !line.startsWith('| Object') && !line.startsWith('| ---'))) {
      expect(separators(row), row).toBe(row.startsWith('| Account') ? 4 : 6);
    }
    // The admin's name cannot start a line of its own (a heading, a list, a block of HTML).
    expect(lines.some((line) => line.startsWith('# injected'))).toBe(false);
  });

  it('links to Setup only over the web, and a link cannot break out of its brackets', () => {
    expect(markdownOf(details('Acme', 'javascript:alert(1)'))).not.toMatch(/javascript:/);
    const md = markdownOf(details('Acme', 'https://acme.my.salesforce.com/x)|[y](https://evil.example'));
    expect(md).toContain('[open](https://acme.my.salesforce.com/x%29%7C[y]%28https://evil.example)');
  });

  it('reads normally when nothing needs escaping: API names keep their underscores', () => {
    const md = markdownOf(details('Acme Corp'));
    expect(md).toContain('# Agent connection: Acme Corp');
    expect(md).toContain('| Sales_Agent_Permission_Set |');
  });
});

describe('CSV cells a spreadsheet would run as formulas', () => {
  it.each([
    '=cmd|" /C calc"!A0',
    ' =cmd',
    '\u3000=cmd',
    '＝cmd',
    ' ＋1+1',
    '－1',
    '＠SUM(A1)',
    '+1',
    '-1',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '\n =1',
  ])('%j is kept as text', (value) => {
    expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(toCsv(['a', 'b'], [['Account', 'Name, Legal']])).toBe('a,b\r\nAccount,"Name, Legal"\r\n');
    expect(csvCell('1-2')).toBe('1-2');
  });
});

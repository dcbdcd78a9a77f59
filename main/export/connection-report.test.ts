import { describe, expect, it } from 'vitest';
import type { ConnectionDetails } from '../../common';
import { connectionReport, type ReportContext } from './connection-report';

const details: ConnectionDetails = {
  org: {
    id: '00D000000000001',
    name: 'Acme',
    environment: 'myDomain',
    myDomainUrl: 'https://acme.my.salesforce.com',
    audience: 'https://login.salesforce.com',
  },
  app: {
    label: 'Sales Agent',
    apiName: 'Sales_Agent',
    consumerKey: '3MVG9key',
    createdAt: '2026-01-01T10:00:00.000Z',
    setupUrl: 'https://acme.my.salesforce.com/x',
  },
  user: {
    id: '005000000000001',
    name: 'Sales Agent',
    username: 'sales.agent@acme.example',
    active: true,
    licence: 'Salesforce Integration',
    profile: 'Minimum Access - API Only Integrations',
    setupUrl: 'https://acme.my.salesforce.com/u',
  },
  permissionSet: {
    id: '0PS000000000001',
    label: 'Sales Agent',
    apiName: 'Sales_Agent_Permission_Set',
    setupUrl: 'https://acme.my.salesforce.com/p',
  },
  grants: [
    { object: 'Account', field: null, read: true, edit: false, viewAllRecords: false, viaFieldPermission: false },
    { object: 'Task', field: null, read: true, edit: false, viewAllRecords: false, viaFieldPermission: false, throughParentRecords: true },
    {
      object: 'Task',
      field: 'Description',
      read: true,
      edit: false,
      viewAllRecords: false,
      viaFieldPermission: true,
      throughParentRecords: true,
    },
  ],
  createdBy: 'dana@acme.example',
  createdAt: '2026-01-01T10:00:00.000Z',
  lastVerifiedAt: '2026-02-01T08:30:12.345Z',
  certificate: { notAfter: '2027-01-01T10:00:00.000Z', daysLeft: 334, warning: 'none' },
};
const context: ReportContext = {
  status: 'drift',
  oauth: { flow: 'jwtBearer', scopes: ['api'], preAuthorisedPermissionSet: 'Sales_Agent_Permission_Set', ipPolicy: 'Enforce' },
};
const at = new Date('2026-02-01T09:00:00.000Z');

describe('the exported connection report', () => {
  it('Markdown reads as an admin reads it: environment in words, times without milliseconds, status and certificate expiry', () => {
    const md = connectionReport(details, 'md', at, context).content;
    expect(md).toContain('| My Domain org | Acme |');
    expect(md).not.toContain('(myDomain)');
    expect(md).not.toMatch(/\d\d:\d\d:\d\d\.\d{3}Z/);
    expect(md).toContain('Status: Needs update. Generated 2026-02-01 09:00 UTC.');
    expect(md).toContain('last verified 2026-02-01 08:30 UTC');
    expect(md).toContain("The agent's certificate is valid until 2027-01-01 10:00 UTC (334 days left)");
    expect(md).toContain('- IP restrictions: enforced (sign-in only from addresses');
    expect(md).toContain('| Task | Through the records it belongs to | Description |');
  });

  it('CSV says activities are reached through their records, not by an object permission', () => {
    const rows = connectionReport(details, 'csv', at, context).content.split('\r\n');
    expect(rows.find((r) => r.includes(',Task,,'))).toMatch(/through the records it belongs to$/);
    expect(rows.find((r) => r.includes(',Account,,'))).toMatch(/,object permission$/);
  });

  it('JSON carries the status and the OAuth policy', () => {
    const json = JSON.parse(connectionReport(details, 'json', at, context).content) as Record<string, unknown>;
    expect(json).toMatchObject({ status: 'drift', oauth: { ipPolicy: 'Enforce', scopes: ['api'], flow: 'jwtBearer' } });
  });
});

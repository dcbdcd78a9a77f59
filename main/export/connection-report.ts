import type { ConnectionDetails, ConnectionStatus, ExportFormat, PlanOAuth } from '../../common';
import type { OutgoingFile } from '../host-seams';
import { toCsv } from './csv';

/** What the details alone do not say: the connection's status now and the app's OAuth policy as the run wrote it. */
export interface ReportContext {
  status: ConnectionStatus;
  oauth: Pick<PlanOAuth, 'flow' | 'scopes' | 'preAuthorisedPermissionSet' | 'ipPolicy'>;
}

/** Connection details as a file: JSON (complete), CSV (one row per grant), Markdown (a report). Never secrets. */
export function connectionReport(
  details: ConnectionDetails,
  format: ExportFormat,
  generatedAt: Date,
  context: ReportContext,
): OutgoingFile {
  const stamp = generatedAt.toISOString().slice(0, 10);
  const base = `agent-connection-${details.org.id}-${stamp}`;
  switch (format) {
    case 'json':
      return {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        content: JSON.stringify(
          { generatedAt: generatedAt.toISOString(), status: context.status, ...details, oauth: context.oauth },
          null,
          2,
        ),
      };
    case 'csv':
      return { fileName: `${base}.csv`, mimeType: 'text/csv', content: grantsCsv(details) };
    case 'md':
      return { fileName: `${base}.md`, mimeType: 'text/markdown', content: markdown(details, generatedAt, context) };
  }
}

function grantsCsv(details: ConnectionDetails): string {
  const rows = details.grants.map((g) => [
    details.org.id,
    details.permissionSet.apiName,
    g.object,
    g.field ?? '',
    g.read ? 'yes' : 'no',
    g.edit ? 'yes' : 'no',
    g.viewAllRecords ? 'yes' : 'no',
    grantedBy(g),
  ]);
  return toCsv(['orgId', 'permissionSet', 'object', 'field', 'read', 'edit', 'viewAllRecords', 'grantedBy'], rows);
}

/** How the grant reaches the agent; activities take no object permission (fact ACTIVITY-OBJECT-PERMISSIONS). */
function grantedBy(g: ConnectionDetails['grants'][number]): string {
  if (g.field === null) return g.throughParentRecords ? 'through the records it belongs to' : 'object permission';
  if (g.throughParentRecords && !g.viaFieldPermission) return 'through the records it belongs to';
  return g.viaFieldPermission ? 'field permission' : 'readable with object access';
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Org and admin text made inert: no HTML, no emphasis, code, links or images, and it stays in its
 * table cell. An underscore inside a word is left alone (it cannot start emphasis), so API names read as they are.
 */
function cell(value: string): string {
  return value
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[&<>"']|[\\`*~[\]|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (char) => HTML_ENTITIES[char] ?? `\\${char}`);
}

/** A Setup link only to a web address, its delimiters percent-encoded so it cannot leave the link or the table. */
function setupLink(url: string): string {
  if (!URL.canParse(url)) return '';
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return '';
  return `[open](${parsed.href.replace(/[()<>|\\\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

const environmentNames: Record<ConnectionDetails['org']['environment'], string> = {
  production: 'Production',
  sandbox: 'Sandbox',
  myDomain: 'My Domain',
};
const statusNames: Record<ConnectionStatus, string> = {
  off: 'Not set up',
  running: 'Changing now',
  connected: 'Connected',
  drift: 'Needs update',
  error: 'Error',
  interrupted: 'Interrupted',
  waiting: 'Waiting for Salesforce',
};

/** "2026-12-07 23:27 UTC": a time as an admin reads it, not an ISO stamp with milliseconds. */
function when(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? cell(iso) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function certificateLine(c: ConnectionDetails['certificate']): string {
  if (!c) return "The agent's certificate could not be read.";
  const left = c.daysLeft < 0 ? `expired ${-c.daysLeft} days ago` : `${c.daysLeft} days left`;
  return `The agent's certificate is valid until ${when(c.notAfter)} (${left}); Rotate key replaces it.`;
}

function policyLines(o: ReportContext['oauth']): string[] {
  return [
    '## OAuth policy of the app',
    '',
    `- Flow: JWT bearer (the agent signs in with its private key; no password, no browser).`,
    `- Scopes: ${o.scopes.map(cell).join(', ')} (the agent calls Salesforce's APIs as the integration user, nothing else).`,
    `- Pre-authorised users: holders of the permission set ${cell(o.preAuthorisedPermissionSet)} (the integration user only).`,
    o.ipPolicy === 'Enforce'
      ? "- IP restrictions: enforced (sign-in only from addresses the integration user's profile allows; any address where it sets none)."
      : "- IP restrictions: relaxed (sign-in from any address, even outside the profile's Login IP Ranges).",
    '',
  ];
}

function markdown(d: ConnectionDetails, generatedAt: Date, context: ReportContext): string {
  const objects = d.grants.filter((g) => g.field === null);
  const lines = [
    `# Agent connection: ${cell(d.org.name)}`,
    '',
    `Status: ${statusNames[context.status]}. Generated ${when(generatedAt.toISOString())}. Created by ${cell(d.createdBy)} on ${when(d.createdAt)}; last verified ${when(d.lastVerifiedAt)}; last checked ${when(d.lastCheckedAt)}.`,
    '',
    certificateLine(d.certificate),
    '',
    '| Artifact | Name | API name / username | Id | Setup |',
    '| --- | --- | --- | --- | --- |',
    `| ${environmentNames[d.org.environment]} org | ${cell(d.org.name)} | ${cell(d.org.myDomainUrl)} | ${cell(d.org.id)} | |`,
    `| External client app | ${cell(d.app.label)} | ${cell(d.app.apiName)} | consumer key ${cell(d.app.consumerKey)} | ${setupLink(d.app.setupUrl)} |`,
    `| Integration user (${d.user.active ? 'active' : 'inactive'}) | ${cell(d.user.name)} | ${cell(d.user.username)} | ${cell(d.user.id)} | ${setupLink(d.user.setupUrl)} |`,
    `| Permission set | ${cell(d.permissionSet.label)} | ${cell(d.permissionSet.apiName)} | ${cell(d.permissionSet.id)} | ${setupLink(d.permissionSet.setupUrl)} |`,
    '',
    `The integration user has the ${cell(d.user.licence)} licence and the profile "${cell(d.user.profile)}".`,
    '',
    ...policyLines(context.oauth),
    '## What the agent can read',
    '',
    '| Object | Access | Fields |',
    '| --- | --- | --- |',
    ...objects.map((o) => {
      const access = o.throughParentRecords
        ? 'Through the records it belongs to'
        : ['Read', o.edit ? 'Edit' : '', o.viewAllRecords ? 'View All Records' : ''].filter(Boolean).join(', ');
      const fields = d.grants
        .filter((g) => g.object === o.object && g.field !== null)
        .map((g) => (g.viaFieldPermission ? cell(g.field ?? '') : `${cell(g.field ?? '')} (with object access)`));
      return `| ${cell(o.object)} | ${access} | ${fields.join(', ') || '—'} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

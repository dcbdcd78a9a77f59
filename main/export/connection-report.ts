import type { ConnectionDetails, ExportFormat } from '../../common';
import type { OutgoingFile } from '../host-seams';
import { toCsv } from './csv';

/** Connection details as a file: JSON (complete), CSV (one row per grant), Markdown (a report). Never secrets. */
export function connectionReport(details: ConnectionDetails, format: ExportFormat, generatedAt: Date): OutgoingFile {
  const stamp = generatedAt.toISOString().slice(0, 10);
  const base = `agent-connection-${details.org.id}-${stamp}`;
  switch (format) {
    case 'json':
      return {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        content: JSON.stringify({ generatedAt: generatedAt.toISOString(), ...details }, null, 2),
      };
    case 'csv':
      return { fileName: `${base}.csv`, mimeType: 'text/csv', content: grantsCsv(details) };
    case 'md':
      return { fileName: `${base}.md`, mimeType: 'text/markdown', content: markdown(details, generatedAt) };
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
    g.field === null ? 'object permission' : g.viaFieldPermission ? 'field permission' : 'readable with object access',
  ]);
  return toCsv(['orgId', 'permissionSet', 'object', 'field', 'read', 'edit', 'viewAllRecords', 'grantedBy'], rows);
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

function markdown(d: ConnectionDetails, generatedAt: Date): string {
  const objects = d.grants.filter((g) => g.field === null);
  const lines = [
    `# Agent connection: ${cell(d.org.name)}`,
    '',
    `Generated ${generatedAt.toISOString()}. Created by ${cell(d.createdBy)} on ${cell(d.createdAt)}; last verified ${cell(d.lastVerifiedAt ?? 'never')}.`,
    '',
    '| Artifact | Name | API name / username | Id | Setup |',
    '| --- | --- | --- | --- | --- |',
    `| Org (${cell(d.org.environment)}) | ${cell(d.org.name)} | ${cell(d.org.myDomainUrl)} | ${cell(d.org.id)} | |`,
    `| External client app | ${cell(d.app.label)} | ${cell(d.app.apiName)} | consumer key ${cell(d.app.consumerKey)} | ${setupLink(d.app.setupUrl)} |`,
    `| Integration user (${d.user.active ? 'active' : 'inactive'}) | ${cell(d.user.name)} | ${cell(d.user.username)} | ${cell(d.user.id)} | ${setupLink(d.user.setupUrl)} |`,
    `| Permission set | ${cell(d.permissionSet.label)} | ${cell(d.permissionSet.apiName)} | ${cell(d.permissionSet.id)} | ${setupLink(d.permissionSet.setupUrl)} |`,
    '',
    `The integration user has the ${cell(d.user.licence)} licence and the profile "${cell(d.user.profile)}".`,
    '',
    '## What the agent can read',
    '',
    '| Object | Access | Fields |',
    '| --- | --- | --- |',
    ...objects.map((o) => {
      const access = ['Read', o.edit ? 'Edit' : '', o.viewAllRecords ? 'View All Records' : ''].filter(Boolean).join(', ');
      const fields = d.grants
        .filter((g) => g.object === o.object && g.field !== null)
        .map((g) => (g.viaFieldPermission ? cell(g.field ?? '') : `${cell(g.field ?? '')} (with object access)`));
      return `| ${cell(o.object)} | ${access} | ${fields.join(', ') || '—'} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

/**
 * Replays a recording's requests against the emulator and lists where its answers differ from the
 * recorded ones: status, error codes, body shape, and for describes the fields themselves.
 */
import type { StartedEmulator } from '../../packages/salesforce-emulator/index';
import type { Interaction, RecordedField, Recording } from './recordings';
import { errorCodes, shapeDiff } from './shape';

export interface ReplayTarget {
  emulator: StartedEmulator;
  accessToken: string;
  version: string;
}

/** Placeholders the recordings' sources put in place of their org's ids. */
function substitute(text: string, target: ReplayTarget): string {
  return text.replaceAll('vxx.0', `v${target.version}`).replaceAll('00D0xORGID00000000', target.emulator.orgId);
}

async function send(it: Interaction, target: ReplayTarget): Promise<{ status: number; body: unknown }> {
  const query = it.request.query ? `?${new URLSearchParams(it.request.query).toString()}` : '';
  const hasBody = it.request.body !== null && it.request.body !== undefined;
  const res = await fetch(`${target.emulator.instanceUrl}${substitute(it.request.path, target)}${query}`, {
    method: it.request.method,
    headers: { authorization: `Bearer ${target.accessToken}`, 'content-type': 'application/json' },
    ...(hasBody ? { body: substitute(JSON.stringify(it.request.body), target) } : {}),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: res.status, body: text };
  }
}

interface Sub {
  httpStatusCode: number;
  body: unknown;
}
function compositeParts(body: unknown): Sub[] | undefined {
  const parts = (body as { compositeResponse?: Sub[] } | null)?.compositeResponse;
  return Array.isArray(parts) ? parts : undefined;
}

function statusDiffs(label: string, recorded: { status: number; body: unknown }, emulated: { status: number; body: unknown }): string[] {
  const out: string[] = [];
  if (recorded.status !== emulated.status) out.push(`${label}: status ${recorded.status} recorded, ${emulated.status} from the emulator`);
  const rc = errorCodes(recorded.body).join(',');
  const ec = errorCodes(emulated.body).join(',');
  if (rc !== ec) out.push(`${label}: error codes [${rc}] recorded, [${ec}] from the emulator`);
  const rp = compositeParts(recorded.body);
  const ep = compositeParts(emulated.body);
  rp?.forEach((r, i) => {
    const e = ep?.[i];
    if (e)
      out.push(
        ...statusDiffs(`${label} part ${i}`, { status: r.httpStatusCode, body: r.body }, { status: e.httpStatusCode, body: e.body }),
      );
  });
  return out;
}

/** The emulator's standard fields against the recorded org's: none invented, same type, same FLS. */
export function fieldDiffs(object: string, recorded: RecordedField[], emulated: RecordedField[]): string[] {
  const byName = new Map(recorded.map((f) => [f.name, f]));
  const out: string[] = [];
  for (const e of emulated) {
    if (e.name.endsWith('__c')) continue; // the demo org's own custom fields
    const r = byName.get(e.name);
    if (!r) out.push(`field ${object}.${e.name}: described by the emulator, the recorded org has no such field`);
    else if (r.type !== e.type) out.push(`field ${object}.${e.name}: type ${r.type} recorded, ${e.type} from the emulator`);
    else if (r.permissionable !== undefined && r.permissionable !== e.permissionable) {
      out.push(
        `field ${object}.${e.name}: permissionable ${String(r.permissionable)} recorded, ${String(e.permissionable)} from the emulator`,
      );
    }
  }
  return out;
}

function describeDiffs(recorded: unknown, emulated: unknown): string[] {
  const r = recorded as { name?: string; fields?: RecordedField[] };
  const e = emulated as { fields?: RecordedField[] };
  if (!r.name || !r.fields || !e.fields) return [];
  return fieldDiffs(r.name, r.fields, e.fields);
}

export async function replay(rec: Recording, target: ReplayTarget): Promise<string[]> {
  const out: string[] = [];
  for (const it of rec.interactions ?? []) {
    const label = `${it.request.method} ${it.request.path}${it.request.query ? ` q=${it.request.query.q ?? ''}` : ''}`;
    const emulated = await send(it, target);
    const statuses = statusDiffs(label, it.response, emulated);
    out.push(...statuses);
    if (statuses.length > 0 || emulated.status >= 300) continue;
    out.push(...shapeDiff(it.response.body, emulated.body, `${label} body`, { partial: rec.partial ?? false }));
    if (/\/describe$/.test(it.request.path)) out.push(...describeDiffs(it.response.body, emulated.body));
  }
  return out;
}

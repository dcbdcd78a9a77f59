/**
 * Replays retrieved metadata files (recordings/retrieved-metadata) through the emulator's Metadata API:
 * every element a real org wrote must be accepted, and what the emulator reads back must name only
 * elements the real file has.
 */
import type { Connection } from 'jsforce';
import { mdApi } from '../../packages/salesforce-emulator/index';
import type { Recording } from './recordings';

/** Stand-ins for the redacted values, valid where the emulator checks them. */
function valueFor(element: string, recorded: unknown, appName: string): unknown {
  if (typeof recorded !== 'string' || !recorded.startsWith('<')) return recorded;
  if (element === 'externalClientApplication') return appName;
  if (element === 'contactEmail') return 'admin@example.invalid';
  if (element === 'callbackUrl') return 'https://example.invalid/callback';
  if (element === 'consumerKey') return `3MVG9${appName}ConsumerKeyStandIn`;
  if (element === 'oauthLink') return undefined; // written by Salesforce on retrieve, not by a client
  return `${appName} ${element}`;
}

export async function replayComponents(rec: Recording, conn: Connection, appName: string): Promise<string[]> {
  const md = mdApi(conn);
  const out: string[] = [];
  for (const [i, c] of (rec.components ?? []).entries()) {
    const fullName = i === 0 ? appName : `${appName}_${i}`;
    const body: Record<string, unknown> = { fullName };
    for (const [k, v] of Object.entries(c.elements)) {
      const value = valueFor(k, v, appName);
      if (value !== undefined) body[k] = value;
    }
    const saved = await md.create(c.type, body);
    if (!saved.success) {
      out.push(`${c.type}: create refused: ${JSON.stringify(saved.errors)}`);
      continue;
    }
    const read = await md.read(c.type, fullName);
    for (const k of Object.keys(read)) {
      if (k !== 'fullName' && !(k in c.elements)) out.push(`${c.type}.${k}: read back from the emulator, not in the retrieved file`);
    }
  }
  return out;
}

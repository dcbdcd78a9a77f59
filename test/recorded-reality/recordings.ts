/** Loads the recorded real-org exchanges of recordings/ (README.md says where each comes from). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const SourceSchema = z.object({
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  path: z.string().optional(),
  paths: z.array(z.string()).optional(),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  licence: z.string().min(1),
});

const InteractionSchema = z.object({
  request: z.object({
    method: z.string(),
    path: z.string(),
    query: z.record(z.string(), z.string()).optional(),
    body: z.unknown(),
  }),
  response: z.object({ status: z.number().int(), body: z.unknown() }),
});
export type Interaction = z.infer<typeof InteractionSchema>;

const ComponentSchema = z.object({ type: z.string(), elements: z.record(z.string(), z.unknown()) });

const RecordingSchema = z.object({
  recording: z.string(),
  what: z.string(),
  source: SourceSchema,
  recordedFrom: z.string(),
  converted: z.string(),
  /** The source kept only some of each answer (e.g. a subset of each field's keys): compare names and types, not completeness. */
  partial: z.boolean().optional(),
  interactions: z.array(InteractionSchema).optional(),
  components: z.array(ComponentSchema).optional(),
});
export type Recording = z.infer<typeof RecordingSchema> & { file: string };

export const RECORDINGS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'recordings');

export function loadRecordings(): Recording[] {
  const out: Recording[] = [];
  for (const folder of readdirSync(RECORDINGS_DIR)) {
    for (const name of readdirSync(join(RECORDINGS_DIR, folder)).filter((n) => n.endsWith('.json'))) {
      const file = `${folder}/${name}`;
      const parsed = RecordingSchema.safeParse(JSON.parse(readFileSync(join(RECORDINGS_DIR, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      out.push({ ...parsed.data, file });
    }
  }
  return out;
}

/** Recorded describes by object name (full ones first, so their flags win over partial copies). */
export interface RecordedField {
  name: string;
  type: string;
  permissionable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  picklistValues?: { value: string }[];
}
export interface RecordedObject {
  name: string;
  fields: Map<string, RecordedField>;
  sources: string[];
}

export function recordedObjects(recordings: Recording[]): Map<string, RecordedObject> {
  const byName = new Map<string, RecordedObject>();
  const ordered = [...recordings].sort((a, b) => Number(a.partial ?? false) - Number(b.partial ?? false));
  for (const rec of ordered) {
    for (const it of rec.interactions ?? []) {
      if (!/\/sobjects\/\w+\/describe$/.test(it.request.path)) continue;
      const body = it.response.body as { name?: string; fields?: RecordedField[] };
      if (!body.name || !body.fields) continue;
      const obj = byName.get(body.name) ?? { name: body.name, fields: new Map<string, RecordedField>(), sources: [] };
      for (const f of body.fields) if (!obj.fields.has(f.name)) obj.fields.set(f.name, f);
      obj.sources.push(rec.file);
      byName.set(body.name, obj);
    }
  }
  return byName;
}

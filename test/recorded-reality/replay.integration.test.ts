/**
 * Every recorded real-org request (recordings/, README.md) replayed against the emulator: status,
 * error codes, body shape and described fields must match, or be a known disagreement with its why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startEmulator, VERSION, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import { isKnown, KNOWN_DISAGREEMENTS } from './known-disagreements';
import { loadRecordings } from './recordings';
import { replayComponents } from './metadata-replay';
import { replay, type ReplayTarget } from './replay';

const recordings = loadRecordings().filter((r) => r.interactions?.length);
const found = new Map<string, string[]>();
let emulator: StartedEmulator;
let target: ReplayTarget;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'demo' });
  const conn = await signIn(emulator);
  target = { emulator, accessToken: conn.accessToken ?? '', version: VERSION };
});
afterAll(async () => emulator.stop());

describe('recorded real-org exchanges replayed against the emulator', () => {
  it('has recordings of REST describes, queries, Composite and column metadata', () => {
    const paths = recordings.flatMap((r) => r.interactions?.map((i) => i.request.path) ?? []);
    for (const shape of [/\/describe$/, /\/composite$/, /\/query$/, /\/sobjects$/]) expect(paths.some((p) => shape.test(p))).toBe(true);
  });

  it.each(recordings.map((r) => [r.file, r] as const))('%s', async (file, rec) => {
    const diffs = await replay(rec, target);
    found.set(file, diffs);
    expect(diffs.filter((d) => !isKnown(file, d))).toEqual([]);
  });

  it('lists no known disagreement that no longer happens', () => {
    const stale = KNOWN_DISAGREEMENTS.filter((k) => {
      const diffs = k.recording === '*' ? [...found.values()].flat() : (found.get(k.recording) ?? []);
      return !diffs.some((d) => k.pattern.test(d));
    });
    expect(stale.map((k) => `${k.recording} ${String(k.pattern)}`)).toEqual([]);
  });
});

describe('retrieved real-org metadata replayed through the Metadata API', () => {
  const retrieved = loadRecordings().filter((r) => r.components?.length);
  it.each(retrieved.map((r) => [r.file, r] as const))('%s', async (file, rec) => {
    const conn = await signIn(emulator);
    const diffs = await replayComponents(rec, conn, 'Recorded_Replay_App');
    expect(diffs.filter((d) => !isKnown(file, d))).toEqual([]);
  });
});

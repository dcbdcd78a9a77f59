import { afterEach, describe, expect, it } from 'vitest';
import { demoDataDir, headlessDefaultDataDir } from './data-dir';

const saved = process.env.AGENT_CONNECTIONS_DATA_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.AGENT_CONNECTIONS_DATA_DIR;
  else process.env.AGENT_CONNECTIONS_DATA_DIR = saved;
});

describe('the demo keeps its data in its own folder', () => {
  it("is beside the admin's real data folder, never inside it or the same", () => {
    delete process.env.AGENT_CONNECTIONS_DATA_DIR;
    const real = headlessDefaultDataDir();
    const demo = demoDataDir();
    expect(demo).not.toBe(real);
    expect(demo.startsWith(`${real}/`)).toBe(false);
    expect(demo).toMatch(/Agent Connections \(demo\)$/);
  });

  it('follows AGENT_CONNECTIONS_DATA_DIR where a test or a script sets one', () => {
    process.env.AGENT_CONNECTIONS_DATA_DIR = '/tmp/isolated';
    expect(demoDataDir()).toBe('/tmp/isolated');
  });
});

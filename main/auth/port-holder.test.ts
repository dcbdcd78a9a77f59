import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/support/free-port';
import { describePortHolder, findPortHolder } from './port-holder';

describe('naming the program that holds a port', () => {
  it.runIf(process.platform === 'linux')('recognises the Salesforce CLI, which runs as node with its `sf` script', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'fake-sf-'));
    mkdirSync(join(dir, 'bin'));
    const script = join(dir, 'bin', 'sf');
    writeFileSync(script, `require('node:net').createServer().listen(${port}, '127.0.0.1', () => console.log('listening'));`);
    const sf = spawn(process.execPath, [script]);
    try {
      await new Promise<void>((resolve) => sf.stdout.once('data', () => resolve()));
      const holder = await findPortHolder(port);
      expect(holder && describePortHolder(holder)).toBe(`sf (the Salesforce CLI, process ${sf.pid})`);
    } finally {
      sf.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers null, quickly, for a port nobody holds', async () => {
    expect(await findPortHolder(await freePort())).toBeNull();
  });
});

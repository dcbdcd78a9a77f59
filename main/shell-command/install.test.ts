import { lstatSync, mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installShellCommand } from './install';

const home = () => mkdtempSync(join(tmpdir(), 'shell-command-'));
const launcher = '/opt/Agent Connections/resources/bin/agent-connections';

describe('putting agent-connections on the PATH', () => {
  it('links ~/.local/bin/agent-connections to the app launcher on Linux, and says whether that folder is on the PATH', () => {
    const dir = home();
    const first = installShellCommand({ launcher, platform: 'linux', home: dir, path: '/usr/bin' });
    expect(first).toEqual({ kind: 'linked', link: join(dir, '.local', 'bin', 'agent-connections'), onPath: false });
    expect(readlinkSync(join(dir, '.local', 'bin', 'agent-connections'))).toBe(launcher);
    // Again (an update moved the app): the old link is replaced.
    const again = installShellCommand({
      launcher: '/new/resources/bin/agent-connections',
      platform: 'linux',
      home: dir,
      path: `/usr/bin:${join(dir, '.local', 'bin')}`,
    });
    expect(again).toMatchObject({ kind: 'linked', onPath: true });
    expect(lstatSync(join(dir, '.local', 'bin', 'agent-connections')).isSymbolicLink()).toBe(true);
  });

  it('never replaces a file of that name that is not its link, and leaves Windows to the installer', () => {
    const dir = home();
    mkdirSync(join(dir, '.local', 'bin'), { recursive: true });
    writeFileSync(join(dir, '.local', 'bin', 'agent-connections'), '#!/bin/sh\necho mine\n');
    expect(installShellCommand({ launcher, platform: 'linux', home: dir, path: '' })).toMatchObject({ kind: 'refused' });
    expect(installShellCommand({ launcher, platform: 'win32', home: dir, path: '' })).toEqual({ kind: 'windowsInstaller' });
  });
});

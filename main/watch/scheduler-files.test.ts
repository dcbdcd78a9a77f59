import { describe, expect, it } from 'vitest';
import { schedulerPlan } from './scheduler-files';

const command = ['/usr/bin/node', '/opt/Agent Connections/resources/bin/agent-connections.mjs'];

describe('the scheduler files of the background check (written nowhere here)', () => {
  it('Linux: a systemd user service and a timer every N hours, with the data folder and quoted words', () => {
    const plan = schedulerPlan({ platform: 'linux', command, everyHours: 3, home: '/home/ada', dataDir: '/data/50%' });
    expect(plan.files.map((f) => f.path)).toEqual([
      '/home/ada/.config/systemd/user/agent-connections-watch.service',
      '/home/ada/.config/systemd/user/agent-connections-watch.timer',
    ]);
    const [service, timer] = plan.files.map((f) => f.content);
    expect(service).toContain('ExecStart="/usr/bin/node" "/opt/Agent Connections/resources/bin/agent-connections.mjs" "watch" "run"');
    expect(service).toContain('Environment="AGENT_CONNECTIONS_DATA_DIR=/data/50%%"');
    expect(service).toContain('Type=oneshot');
    expect(timer).toContain('OnUnitActiveSec=3h');
    expect(timer).toContain('Persistent=true');
    expect(timer).toContain('WantedBy=timers.target');
    expect(plan.install).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', 'agent-connections-watch.timer'],
    ]);
    expect(plan.uninstall).toEqual([['systemctl', '--user', 'disable', '--now', 'agent-connections-watch.timer']]);
  });

  it('macOS: a launchd agent plist with each word its own string, escaped, and the interval in seconds', () => {
    const plan = schedulerPlan({
      platform: 'darwin',
      command: ['/usr/local/bin/node', '/Users/a&b/cli.mjs'],
      everyHours: 6,
      home: '/Users/ada',
    });
    const [file] = plan.files;
    expect(file?.path).toBe('/Users/ada/Library/LaunchAgents/com.agent-connections.watch.plist');
    expect(file?.content).toContain('<string>/Users/a&amp;b/cli.mjs</string>\n    <string>watch</string>\n    <string>run</string>');
    expect(file?.content).toContain('<key>StartInterval</key><integer>21600</integer>');
    expect(file?.content).not.toContain('EnvironmentVariables');
    expect(plan.install).toEqual([['launchctl', 'load', '-w', file?.path]]);
    expect(plan.uninstall).toEqual([['launchctl', 'unload', '-w', file?.path]]);
  });

  it('Windows: Task Scheduler XML in UTF-16 with a repetition, and schtasks to create and delete it', () => {
    const plan = schedulerPlan({
      platform: 'win32',
      command: [
        'C:\\Program Files\\nodejs\\node.exe',
        'C:\\Users\\Ada\\AppData\\Local\\Programs\\Agent Connections\\resources\\bin\\agent-connections.mjs',
      ],
      everyHours: 12,
      home: 'C:\\Users\\Ada',
    });
    const [file] = plan.files;
    expect(file?.path).toBe('C:\\Users\\Ada\\AppData\\Local\\Agent Connections\\watch-task.xml');
    expect(file?.encoding).toBe('utf16le');
    expect(file?.content.startsWith('\ufeff<?xml version="1.0" encoding="UTF-16"?>')).toBe(true);
    expect(file?.content).toContain('<Interval>PT12H</Interval>');
    expect(file?.content).toContain('<Command>C:\\Program Files\\nodejs\\node.exe</Command>');
    expect(file?.content).toContain(
      '<Arguments>&quot;C:\\Users\\Ada\\AppData\\Local\\Programs\\Agent Connections\\resources\\bin\\agent-connections.mjs&quot; watch run</Arguments>',
    );
    expect(plan.install).toEqual([['schtasks', '/Create', '/TN', 'Agent Connections watch', '/XML', file?.path, '/F']]);
    expect(plan.uninstall).toEqual([['schtasks', '/Delete', '/TN', 'Agent Connections watch', '/F']]);
  });
});

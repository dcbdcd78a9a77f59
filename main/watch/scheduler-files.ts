import { join, win32 } from 'node:path';

/** The operating systems whose own scheduler runs the background check. */
export type WatchPlatform = 'linux' | 'darwin' | 'win32';

export interface WatchSchedule {
  platform: WatchPlatform;
  /** The installed command line, e.g. [node, /…/agent-connections.mjs]; `watch run` is added here. */
  command: string[];
  everyHours: number;
  /** The user's home folder (HOME, or USERPROFILE on Windows). */
  home: string;
  /** AGENT_CONNECTIONS_DATA_DIR when it is set, so the check reads the same data as the app. */
  dataDir?: string;
}

export interface SchedulerFile {
  path: string;
  content: string;
  /** Task Scheduler reads its XML as UTF-16; the others are UTF-8. */
  encoding: 'utf8' | 'utf16le';
}

/** What `watch schedule` writes and runs, and what `watch unschedule` runs and removes. Pure: nothing is touched here. */
export interface SchedulerPlan {
  scheduler: string;
  files: SchedulerFile[];
  install: string[][];
  uninstall: string[][];
}

export const UNIT_NAME = 'agent-connections-watch';
export const LAUNCHD_LABEL = 'com.agent-connections.watch';
export const TASK_NAME = 'Agent Connections watch';
const DESCRIPTION = "Agent Connections: check every connection's health";

export function schedulerPlan(schedule: WatchSchedule): SchedulerPlan {
  switch (schedule.platform) {
    case 'linux':
      return systemdPlan(schedule);
    case 'darwin':
      return launchdPlan(schedule);
    case 'win32':
      return taskSchedulerPlan(schedule);
  }
}

const run = (schedule: WatchSchedule): string[] => [...schedule.command, 'watch', 'run'];

/** systemd reads ExecStart words in double quotes, with `%` (specifiers) and `$` (variables) doubled. */
const systemdWord = (word: string): string =>
  `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;

function systemdPlan(schedule: WatchSchedule): SchedulerPlan {
  const dir = join(schedule.home, '.config', 'systemd', 'user');
  const environment = schedule.dataDir ? [`Environment=${systemdWord(`AGENT_CONNECTIONS_DATA_DIR=${schedule.dataDir}`)}`] : [];
  const service = [
    '[Unit]',
    `Description=${DESCRIPTION}`,
    '',
    '[Service]',
    'Type=oneshot',
    ...environment,
    `ExecStart=${run(schedule).map(systemdWord).join(' ')}`,
    '',
  ].join('\n');
  const timer = [
    '[Unit]',
    `Description=${DESCRIPTION}, every ${schedule.everyHours} h`,
    '',
    '[Timer]',
    'OnBootSec=5min',
    `OnUnitActiveSec=${schedule.everyHours}h`,
    // A check missed while the computer was off runs once it is on again.
    'Persistent=true',
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return {
    scheduler: 'a systemd user timer',
    files: [
      { path: join(dir, `${UNIT_NAME}.service`), content: service, encoding: 'utf8' },
      { path: join(dir, `${UNIT_NAME}.timer`), content: timer, encoding: 'utf8' },
    ],
    install: [
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', `${UNIT_NAME}.timer`],
    ],
    uninstall: [['systemctl', '--user', 'disable', '--now', `${UNIT_NAME}.timer`]],
  };
}

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function launchdPlan(schedule: WatchSchedule): SchedulerPlan {
  const path = join(schedule.home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
  const environment = schedule.dataDir
    ? [
        '  <key>EnvironmentVariables</key>',
        '  <dict>',
        `    <key>AGENT_CONNECTIONS_DATA_DIR</key><string>${xml(schedule.dataDir)}</string>`,
        '  </dict>',
      ]
    : [];
  const content = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    `  <key>Label</key><string>${LAUNCHD_LABEL}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...run(schedule).map((word) => `    <string>${xml(word)}</string>`),
    '  </array>',
    `  <key>StartInterval</key><integer>${schedule.everyHours * 3600}</integer>`,
    '  <key>RunAtLoad</key><true/>',
    ...environment,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
  return {
    scheduler: 'a launchd agent',
    files: [{ path, content, encoding: 'utf8' }],
    install: [['launchctl', 'load', '-w', path]],
    uninstall: [['launchctl', 'unload', '-w', path]],
  };
}

/** Windows command-line quoting for one argument (CommandLineToArgvW's rules). */
const windowsArgument = (word: string): string =>
  /^[^\s"]+$/.test(word) ? word : `"${word.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;

function taskSchedulerPlan(schedule: WatchSchedule): SchedulerPlan {
  const path = win32.join(schedule.home, 'AppData', 'Local', 'Agent Connections', 'watch-task.xml');
  const [program = '', ...args] = run(schedule);
  const content = [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    `  <RegistrationInfo><Description>${xml(DESCRIPTION)}</Description></RegistrationInfo>`,
    '  <Triggers>',
    '    <TimeTrigger>',
    '      <StartBoundary>2026-01-01T00:00:00</StartBoundary>',
    `      <Repetition><Interval>PT${schedule.everyHours}H</Interval></Repetition>`,
    '      <Enabled>true</Enabled>',
    '    </TimeTrigger>',
    '  </Triggers>',
    '  <Settings>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <ExecutionTimeLimit>PT30M</ExecutionTimeLimit>',
    '  </Settings>',
    '  <Actions Context="Author">',
    `    <Exec><Command>${xml(program)}</Command><Arguments>${xml(args.map(windowsArgument).join(' '))}</Arguments></Exec>`,
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
  return {
    scheduler: 'a Task Scheduler task',
    files: [{ path, content: `\ufeff${content}`, encoding: 'utf16le' }],
    install: [['schtasks', '/Create', '/TN', TASK_NAME, '/XML', path, '/F']],
    uninstall: [['schtasks', '/Delete', '/TN', TASK_NAME, '/F']],
  };
}

import type { WatchPlatform } from './scheduler-files';

/** One change of health the background check found, worded for a notification or a chat message. */
export interface HealthAlert {
  title: string;
  body: string;
}

const appleScriptText = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const powerShellText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The command that shows a desktop notification with what each OS has without installing anything:
 * notify-send (libnotify), osascript, and a PowerShell balloon from Windows Forms.
 */
export function desktopNotificationCommand(platform: WatchPlatform, alert: HealthAlert): string[] {
  switch (platform) {
    case 'linux':
      return ['notify-send', '--app-name=Agent Connections', alert.title, alert.body];
    case 'darwin':
      return ['osascript', '-e', `display notification ${appleScriptText(alert.body)} with title ${appleScriptText(alert.title)}`];
    case 'win32':
      return [
        'powershell',
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        [
          'Add-Type -AssemblyName System.Windows.Forms',
          '$n = New-Object System.Windows.Forms.NotifyIcon',
          '$n.Icon = [System.Drawing.SystemIcons]::Information',
          '$n.Visible = $true',
          `$n.ShowBalloonTip(10000, ${powerShellText(alert.title)}, ${powerShellText(alert.body)}, 'Info')`,
          'Start-Sleep -Seconds 10',
          '$n.Dispose()',
        ].join('; '),
      ];
  }
}

export const webhookKinds = ['slack', 'teams'] as const;
export type WebhookKind = (typeof webhookKinds)[number];

/**
 * The body an incoming webhook takes: Slack's `text`, and for Microsoft Teams a message with one
 * Adaptive Card, which Teams' Workflows webhooks (the successor of Office 365 connectors) accept.
 */
export function webhookBody(kind: WebhookKind, alert: HealthAlert): unknown {
  if (kind === 'slack') return { text: `*${alert.title}*\n${alert.body}` };
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: alert.title, weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: alert.body, wrap: true },
          ],
        },
      },
    ],
  };
}

/** A webhook address must be https (it carries its own secret); loopback http only for a local relay or a test. */
export function webhookUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol === 'https:') return null;
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
  return parsed.protocol === 'http:' && loopback ? null : 'must be an https address';
}

import { describe, expect, it } from 'vitest';
import { desktopNotificationCommand, webhookBody, webhookUrlProblem } from './alerts';

const alert = { title: 'Agent Connections: "Prod"', body: "It's now error" };

describe('how a change of health reaches the admin', () => {
  it('is a desktop notification through what each OS has, with the text quoted for it', () => {
    expect(desktopNotificationCommand('linux', alert)).toEqual(['notify-send', '--app-name=Agent Connections', alert.title, alert.body]);
    expect(desktopNotificationCommand('darwin', alert)).toEqual([
      'osascript',
      '-e',
      'display notification "It\'s now error" with title "Agent Connections: \\"Prod\\""',
    ]);
    const windows = desktopNotificationCommand('win32', alert);
    expect(windows.slice(0, 4)).toEqual(['powershell', '-NoProfile', '-NonInteractive', '-Command']);
    expect(windows[4]).toContain("ShowBalloonTip(10000, 'Agent Connections: \"Prod\"', 'It''s now error', 'Info')");
  });

  it("is Slack's text, or one Adaptive Card for Microsoft Teams", () => {
    expect(webhookBody('slack', alert)).toEqual({ text: `*${alert.title}*\n${alert.body}` });
    expect(webhookBody('teams', alert)).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', body: [{ text: alert.title }, { text: alert.body }] },
        },
      ],
    });
  });

  it('posts only to https, or to a loopback relay', () => {
    expect(webhookUrlProblem('https://hooks.slack.com/services/T/B/X')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/x')).toBe('must be an https address');
    expect(webhookUrlProblem('not a url')).toBe('is not a URL');
  });
});

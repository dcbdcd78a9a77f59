import { toAppError, type AuthStatus, type Handlers, type HealthNotice, type Settings } from '../common';
import { healthNoticeText } from './connection/health/health-notice-text';
import { auditedAgent, auditedSettings } from './audit/audited-services';
import { createAuditTrail, sessionActor } from './audit/trail';
import { createAuthService } from './auth';
import { createConnectionServices } from './connection';
import type { Logger } from './log';
import { checkedHandlers } from './transport/contract-check';
import { createSignInAppService } from './sign-in-app/service';
import { createHandlers } from './transport/handlers';
import type { EventSink, ExternalOpener, FileSaver, HostInfo } from './host-seams';
import { createAuditLog } from './store/audit-log';
import type { DocumentStoreFactory } from './store/document-store';
import { createSettingsRepository } from './store/settings-repository';
import type { SecretVault } from './store/vault';
import { createWatchStore } from './watch/watch-store';

/** What a host (Electron, browser mode, CLI, a test) provides. */
export interface Host {
  info: HostInfo;
  stores: DocumentStoreFactory;
  vault: SecretVault;
  files: FileSaver;
  external: ExternalOpener;
  events: EventSink;
  log: Logger;
  /** false in browser mode: the page opens the authorize URL in a new tab itself. */
  opensBrowser: boolean;
  now?: () => Date;
  /** Overrides the `activationTimeoutMinutes` setting for this process (the CLI's flag). */
  activationTimeoutMinutes?: number;
  /** false where each process runs one command (the CLI): a waiting connection then resumes only on `resume`. */
  resumesWaitingRuns?: boolean;
  /** How the admin confirms it is them before the agent's key is exported (AuthDeps.stepUp). */
  stepUp?: 'recentSignIn' | 'liveSession';
  /** A desktop notification (Electron); without it, scheduled-check news goes to the page as `health.notice`. */
  notify?: (title: string, body: string) => void;
}

/** Wires the host-neutral services once; every host calls this and then exposes `handlers`. */
export function createApp(host: Host) {
  // The actor of every entry is the session's user; the session is known once auth exists.
  let signedIn: () => AuthStatus | undefined = () => undefined;
  const audit = createAuditTrail(createAuditLog(host.stores, host.now), () => {
    const status = signedIn();
    return status && sessionActor(status);
  });
  const settings = auditedSettings(createSettingsRepository(host.stores), audit);
  const auth = createAuthService({
    settings,
    stores: host.stores,
    vault: host.vault,
    events: host.events,
    audit,
    log: host.log,
    openAuthorizeUrl: host.opensBrowser ? (url) => host.external.open(url) : null,
    now: host.now,
    stepUp: host.stepUp,
  });
  signedIn = () => auth.status();
  // A profile is tied to the org it first signed in to; the CLI refuses to act in another (ORG_MISMATCH).
  auth.onSignedIn((session) => void settings.recordOrg(session.profile.id, session.identity.orgId));
  const {
    connection,
    agent: agentService,
    health,
  } = createConnectionServices({
    settings,
    stores: host.stores,
    vault: host.vault,
    auth,
    events: host.events,
    audit,
    log: host.log,
    now: host.now,
    ...(host.activationTimeoutMinutes !== undefined && { activationTimeoutMs: host.activationTimeoutMinutes * 60_000 }),
    resumeWaiting: host.resumesWaitingRuns ?? true,
    profileSession: (profileId) => auth.profileSession(profileId),
    ...(host.notify && { notify: notifier(host.notify, () => settings.get().language, host.info.locale) }),
  });
  const agent = auditedAgent(agentService, audit);
  // The org's own sign-in app (Setup a sign-in app): never part of the agent's connection.
  const signInApp = createSignInAppService({ auth, settings, audit, ...(host.now && { now: host.now }) });
  // The background check's own document (watch run writes it, the Overview reads it).
  const watch = createWatchStore(host.stores);
  // Outputs parsed against the contract in tests and development (main/transport/contract-check.ts).
  const handlers: Handlers = checkedHandlers(
    createHandlers({
      info: host.info,
      settings,
      auth,
      connection,
      agent,
      audit,
      files: host.files,
      external: host.external,
      events: host.events,
      signInApp,
      watchHistory: () => watch.read().history,
    }),
  );
  return { handlers, settings, audit, auth, connection, agent, health, signInApp, watch };
}
export type App = ReturnType<typeof createApp>;

/**
 * Interactive hosts (desktop, browser mode) compare the org with the desired state once at launch,
 * when a saved session was restored; sign-ins trigger their own check. The CLI checks on `status`.
 */
function notifier(notify: NonNullable<Host['notify']>, language: () => Settings['language'], locale: string) {
  return (notice: HealthNotice) => {
    const { title, body } = healthNoticeText(notice, language(), locale);
    notify(title, body);
  };
}

export async function checkConnectionOnLaunch(app: App, log: Logger): Promise<void> {
  // While they run, every connected org is re-checked on the `healthCheckHours` schedule (health-monitor.ts).
  app.health.start();
  await app.auth.ready();
  if (app.auth.status().state !== 'signedIn' || app.connection.state().status === 'off') return;
  try {
    await app.connection.check();
  } catch (thrown) {
    log.warn('health check at launch failed', { code: toAppError(thrown).code });
  }
}
